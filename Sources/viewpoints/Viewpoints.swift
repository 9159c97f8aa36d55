import ArgumentParser

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
            Audit.self, Consensus.self, Quotes.self, Participant.self, Backup.self, Restore.self,
            User.self, Grant.self, Revoke.self,
        ]
    )
}
