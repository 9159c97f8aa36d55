import ArgumentParser
import ViewpointsCore
import ViewpointsStore

extension Viewpoints {
    struct Adjudicate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Record the lead's decisions on disagreements: one at a time, by accepting a coder, or interactively.",
            discussion: """
                adjudicate S12 india.improve-relations --stance 1 --coder LEAD   apply with a stance
                adjudicate S12 india.improve-relations --absent --coder LEAD     the code does not apply
                adjudicate --accept CODER --coder LEAD    that coder's decision wherever they took part in an open
                                                          or stale disagreement
                adjudicate --coder LEAD                   walk through the open and stale disagreements
                """)

        @Argument(help: "The statement's id, or PSEUDONYM:SEQ.") var statement: String?
        @Argument(help: "The proposition's key or short number.") var code: CodeReference?
        @Option(parsing: .unconditional, help: ArgumentHelp("The decided stance.", valueName: "s")) var stance: Stance?
        @Flag(help: "The code does not apply.") var absent = false
        @Option(help: ArgumentHelp("Accept this coder's decisions in their disagreements.", valueName: "coder"))
        var accept: String?
        @Option(help: ArgumentHelp("The lead who decides (a coder of the study).", valueName: "name")) var coder: String
        @OptionGroup var scope: StudyScope

        func validate() throws {
            if accept != nil && (statement != nil || stance != nil || absent) {
                throw ValidationError(
                    "--accept decides many disagreements at once: give no statement, --stance or --absent")
            }
            if statement != nil && code == nil { throw ValidationError("give the code after the statement") }
            if statement != nil && (stance == nil) == !absent {
                throw ValidationError("give either --stance S or --absent")
            }
            if statement == nil && (stance != nil || absent) {
                throw ValidationError("--stance and --absent need a statement and a code")
            }
        }

        func run() throws {
            let (store, study) = try scope.withStudy { ($0, $1) }
            if let accept {
                let count = try report { try store.acceptDecisions(study: study, lead: coder, coder: accept) }
                print("adjudicated \(count) disagreement\(count == 1 ? "" : "s") with \(accept)'s decisions")
            } else if let statement, let code {
                let change = try report {
                    try store.adjudicate(study: study, lead: coder, statement: statement, code: code, stance: stance)
                }
                print(
                    "adjudicated \(change.statement) \(change.code ?? ""): \(stance.map { String($0.value) } ?? "absent")"
                )
            } else {
                try AdjudicationScreen(store: store, study: study, lead: coder).run()
            }
        }
    }
}
