import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

extension Viewpoints.Code {
    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session",
            abstract: "Code interactively, one statement at a time, blind to other coders (the default of `code`).",
            discussion: CodingLine.helpText)

        @OptionGroup var coderOption: CoderOption
        @Option(help: ArgumentHelp("Only this participant's statements (e.g. P07).", valueName: "pseudonym"))
        var participant: String?
        @Option(
            help: ArgumentHelp(
                "The double-coding sample: a share (25%) or a count (150); needs --seed.", valueName: "size"))
        var sample: SampleSize?
        @Option(
            help: ArgumentHelp(
                "Seed of the sample: every coder with the same seed gets the same statements.", valueName: "text"))
        var seed: String?
        @OptionGroup var scope: StudyScope

        func validate() throws {
            if (sample == nil) != (seed == nil) {
                throw ValidationError("--sample and --seed go together: e.g. --sample 25% --seed ipr-2018")
            }
        }

        func run() throws {
            let session = try scope.withStudy { store, study in
                try CodingSession(
                    store: store, study: study,
                    coder: coderOption.coder, participant: participant, sample: sample.map { ($0, seed!) })
            }
            var screen = CodingScreen(session: session)
            try screen.run()
        }
    }
}
