import ArgumentParser
import ViewpointsCore
import ViewpointsStore

extension Viewpoints.Code {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a code to a statement with a stance (neutral unless --stance), or change its stance.")

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String
        @Argument(help: "The proposition's key or short number.") var code: CodeReference
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("-2 … 2, a word (strongly-oppose … strongly-support) or --, -, +, ++.", valueName: "s"))
        var stance: Stance = .neutral
        @Option(help: ArgumentHelp("A note on this coding.", valueName: "text")) var note: String?
        @OptionGroup var options: ScriptedCodingOptions

        func run() throws {
            try options.run {
                try $0.applyCoding(study: $1, coder: $2, statement: statement, code: code, stance: stance, note: note)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a code from a statement (the statement stays reviewed: the code is not applied).")

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String
        @Argument(help: "The proposition's key or short number.") var code: CodeReference
        @OptionGroup var options: ScriptedCodingOptions

        func run() throws {
            try options.run { try $0.removeCoding(study: $1, coder: $2, statement: statement, code: code) }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a statement reviewed: what is applied stands, and every other code is not applied.")

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String
        @OptionGroup var options: ScriptedCodingOptions

        func run() throws {
            try options.run { try $0.markReviewed(study: $1, coder: $2, statement: statement) }
        }
    }
}
