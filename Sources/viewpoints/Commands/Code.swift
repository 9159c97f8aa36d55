import ArgumentParser
import ViewpointsCore
import ViewpointsStore

extension Viewpoints {
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Code statements: interactively (the default), or one change at a time for scripts.",
            subcommands: [Session.self, Add.self, Remove.self, Done.self], defaultSubcommand: Session.self)
    }
}

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
        @OptionGroup var coderOption: CoderOption
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let change = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.applyCoding(
                    study: study, coder: coderOption.coder,
                    statement: statement, code: code, stance: stance, note: note)
            }
            print(change)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a code from a statement (the statement stays reviewed: the code is not applied).")

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String
        @Argument(help: "The proposition's key or short number.") var code: CodeReference
        @OptionGroup var coderOption: CoderOption
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let change = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.removeCoding(
                    study: study, coder: coderOption.coder,
                    statement: statement, code: code)
            }
            print(change)
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a statement reviewed: what is applied stands, and every other code is not applied.")

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String
        @OptionGroup var coderOption: CoderOption
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let change = try database.withStudy(studyOptions.resolvedSlug) { store, study in
                try store.markReviewed(
                    study: study, coder: coderOption.coder,
                    statement: statement)
            }
            print(change)
        }
    }
}
