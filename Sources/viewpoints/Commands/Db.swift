import ArgumentParser
import ViewpointsStore

extension Viewpoints.Db {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations, in order, each in its own transaction.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let applied = try database.withMigrator { try $1.migrate() }
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
            let (managed, status) = try database.withMigrator { ($0.isManaged, try $1.status()) }
            print("server: \(status.server)\(managed ? " [managed]" : "")")
            print("database: \(status.database)")
            print("schema version: \(status.version.map(String.init) ?? "none")")
            print(
                "pending migrations: \(status.pending.isEmpty ? "none" : status.pending.map(\.name).joined(separator: ", "))"
            )
        }
    }
}
