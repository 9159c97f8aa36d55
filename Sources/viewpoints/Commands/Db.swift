import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Db: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply schema migrations and show the database's state.",
            subcommands: [Migrate.self, Status.self, Roles.self])
    }
}

extension Viewpoints.Db {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations, in order, each in its own transaction.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(requireCurrentSchema: false)
            let applied = try report { try store.migrator().migrate() }
            if applied.isEmpty {
                print("schema is up to date")
            } else {
                for migration in applied { print("applied \(migration.name)") }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Server, database, schema version, pending migrations.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(requireCurrentSchema: false)
            let status = try report { try store.migrator().status() }
            print("server: \(status.server)\(store.isManaged ? " [managed]" : "")")
            print("database: \(status.database)")
            print("schema version: \(status.version.map(String.init) ?? "none")")
            print(
                "pending migrations: \(status.pending.isEmpty ? "none" : status.pending.map(\.name).joined(separator: ", "))"
            )
        }
    }
}
