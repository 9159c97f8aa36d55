import ArgumentParser
import Foundation
import ViewpointsStore

/// `--database-url`, shared by every command that needs the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "libpq URI or key=value string (default: $DATABASE_URL; with neither, the managed local server).",
            valueName: "url"))
    var databaseURL: String?

    var home: String { ManagedServer.defaultHome() }

    var resolvedURL: String? {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    /// Opens the store whatever its schema version and runs `body` with it and its migrator: what `db migrate` and
    /// `db status` need.
    func withMigrator<T>(_ body: (Store, Migrator) throws -> T) throws -> T {
        let store = try open(requireCurrentSchema: false)
        return try report { try body(store, try store.migrator()) }
    }

    /// The store the command opened, so that a refusal can say which login and roles were refused.
    nonisolated(unsafe) static var opened: Store?

    /// Opens the store, exiting with the right status on failure.
    func open(requireCurrentSchema: Bool = true) throws -> Store {
        let store = try report {
            try Store.open(
                databaseURL: resolvedURL, home: home, requireCurrentSchema: requireCurrentSchema,
                willStartServer: { initializing in
                    warn(
                        initializing
                            ? "viewpoints: creating and starting the managed PostgreSQL server in \(home) "
                                + "(once; takes a few seconds)…"
                            : "viewpoints: starting the managed PostgreSQL server in \(home)…")
                })
        }
        DatabaseOptions.opened = store
        return store
    }
}

/// `--study`, for study-scoped commands.
struct StudyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The study (default: $VIEWPOINTS_STUDY, or the only study).", valueName: "slug"))
    var study: String?

    var resolvedSlug: String? {
        if let study, !study.isEmpty { return study }
        if let env = ProcessInfo.processInfo.environment["VIEWPOINTS_STUDY"], !env.isEmpty { return env }
        return nil
    }
}

extension DatabaseOptions {
    /// Opens the store, resolves the study (`slug`, else the only one) and runs `body` with both: what every
    /// study command does. A failure is printed and exits with its status, as with `report`.
    func withStudy<T>(_ slug: String?, _ body: (Store, Study) throws -> T) throws -> T {
        let store = try open()
        return try report { try body(store, try store.resolveStudy(slug: slug)) }
    }
}

/// `--study` and `--database-url`: what every study command takes.
struct StudyScope: ParsableArguments {
    @OptionGroup var studyOptions: StudyOptions
    @OptionGroup var database: DatabaseOptions

    /// Opens the store, resolves the study and runs `body` with both (see `DatabaseOptions.withStudy`).
    func withStudy<T>(_ body: (Store, Study) throws -> T) throws -> T {
        try database.withStudy(studyOptions.resolvedSlug, body)
    }
}
