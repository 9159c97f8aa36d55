import ArgumentParser
import Foundation
import ViewpointsStore

@main
struct Viewpoints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "viewpoints",
        abstract: "Reproducible findings from expert interviews: anonymized store, coding, reliability, consensus.",
        discussion: """
            With no --database-url and no DATABASE_URL, Viewpoints starts and uses a private PostgreSQL cluster \
            in $VIEWPOINTS_HOME (default ~/.local/share/viewpoints).
            """,
        version: "0.1.0",
        subcommands: [
            Server.self, Db.self, StudyCommand.self, Import.self, Export.self, Stats.self, Coder.self, Code.self,
            Adjudicate.self, Disagreements.self, ReliabilityCommand.self, ProgressCommand.self, History.self,
            Audit.self, Consensus.self, Quotes.self, ReportCommand.self, Participant.self, Backup.self, Restore.self,
            User.self, Grant.self, Revoke.self,
        ]
    )

    /// Parses and runs like ArgumentParser's own `main`, but a mistyped subcommand gets "did you mean …" and
    /// every error starts with `viewpoints: error:`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let refusal = CommandLineErrors.unknownSubcommand(in: arguments, root: Viewpoints.self) {
            warn(refusal)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as StoreError {
            // a store error that no `report` caught is still worded for the command line
            warn("viewpoints: error: \(error.text)")
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            let text = fullMessage(for: error)
            if code == .success {
                if !text.isEmpty { print(text) }
            } else if !text.isEmpty {
                warn(CommandLineErrors.worded(text))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
