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

// MARK: - The command groups (their subcommands are in Commands/, one a file)

extension Viewpoints {
    struct Server: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start, stop or inspect the managed local PostgreSQL server.",
            subcommands: [Start.self, Stop.self, Status.self])
    }

    struct Db: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply schema migrations and show the database's state.",
            subcommands: [Migrate.self, Status.self, Roles.self])
    }

    struct StudyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "study", abstract: "Create, list and delete studies.",
            subcommands: [Create.self, List.self, Delete.self])
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import participants, statements, transcripts, codebooks, codings, adjudications (CSV) and "
                + "REFI-QDA projects (all rows or none).",
            subcommands: [
                Participants.self, Statements.self, Transcripts.self, Codebook.self, Codings.self, Adjudications.self,
                Project.self,
            ])
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Export participants, statements, codebook, codings, tallies or the participant × code matrix as "
                + "CSV; the codebook and the project for REFI-QDA.",
            subcommands: [
                Participants.self, Statements.self, Codebook.self, Codings.self, Tallies.self, Matrix.self,
                Project.self,
            ])
    }

    struct Coder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add and list the study's coders.", subcommands: [Add.self, List.self])
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Code statements: interactively (the default), or one change at a time for scripts.",
            subcommands: [Session.self, Add.self, Remove.self, Done.self], defaultSubcommand: Session.self)
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail.", subcommands: [Verify.self])
    }

    struct Participant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consent withdrawal and the record of it.", subcommands: [Withdraw.self, Withdrawals.self])
    }

    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create database logins for the people who use Viewpoints.", subcommands: [Add.self])
    }
}
