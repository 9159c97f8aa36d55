import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct MigrationTests {
    @Test func migratesFromEmptyAndAgainWithoutChanges() throws {
        let db = try TestDatabase()
        let store = try db.store()
        #expect(try store.migrator().migrate().isEmpty)
        let bundled = try Migration.bundled()
        #expect(try db.scalar("SELECT count(*) FROM schema_migrations") == String(bundled.count))
        #expect(try db.scalar("SELECT to_regclass('statements') IS NOT NULL") == "t")
        #expect(try store.migrator().status().pending.isEmpty)
    }

    @Test func refusesAnEditedAppliedMigration() throws {
        let db = try TestDatabase()
        let store = try db.store()
        var edited = try Migration.bundled()
        edited[0].sql += "\n-- edited\n"
        edited[0].checksum = String(repeating: "0", count: 64)
        let migrator = Migrator(connection: store.connection, migrations: edited)
        let error = try #require(throws: StoreError.self) { try migrator.migrate() }
        #expect(error.kind == .configuration)
        #expect(error.exitCode == 78)
        #expect(error.message.contains("was edited after it was applied"))
        #expect(error.message.contains(edited[0].name))
    }

    /// Issue 12 took the objects `Schema/definitions/` defines out of 0001-0005 and 0007: a database that applied
    /// their former text (its recorded checksums) passes the check and upgrades; the former text of one migration is
    /// no pass for another.
    @Test func acceptsTheFormerTextOfRewrittenMigrations() throws {
        let db = try TestDatabase()
        let admin = try Connection(conninfo: db.url)
        for (version, checksums) in Migration.formerChecksums {
            try admin.query(
                "UPDATE schema_migrations SET checksum = $2 WHERE version = $1", [String(version), checksums.first],
                doing: "recording a former text")
        }
        // the earlier build's definitions differed too
        try admin.execute("UPDATE schema_definitions SET checksum = 'former'", doing: "recording former definitions")
        let migrator = try Store.open(databaseURL: db.url, home: db.home, requireCurrentSchema: false).migrator()
        #expect(try migrator.pendingMigrations().isEmpty)
        #expect(try migrator.migrate().map(\.name) == Migration.bundledDefinitions().map(\.name))
        try migrator.requireCurrent()
        // the record keeps saying which text was applied
        let former = try #require(Migration.formerChecksums[1]?.first)
        #expect(try db.scalar("SELECT checksum FROM schema_migrations WHERE version = 1") == former)

        try admin.query("UPDATE schema_migrations SET checksum = $1 WHERE version = 6", [former], doing: "test")
        let error = try #require(throws: StoreError.self) { try migrator.pendingMigrations() }
        #expect(error.message.contains("0006_withdrawal_roles.sql was edited after it was applied"))
    }

    @Test func reappliesEveryDefinitionWhenOneChanges() throws {
        let db = try TestDatabase()
        let store = try db.store()
        var definitions = try Migration.bundledDefinitions()
        #expect(definitions.last?.name == "definitions/99_pin_search_path.sql")
        #expect(try db.scalar("SELECT count(*) FROM schema_definitions") == String(definitions.count))
        let index = try #require(definitions.firstIndex { $0.name.hasSuffix("02_roles.sql") })
        definitions[index].sql = definitions[index].sql.replacingOccurrences(of: "AS 'SELECT 5'", with: "AS 'SELECT 6'")
        definitions[index].checksum = String(repeating: "1", count: 64)
        let migrator = Migrator(
            connection: store.connection, migrations: try Migration.bundled(), definitions: definitions)
        // the build's definitions differ from the database's: commands stop until `db migrate`
        let error = try #require(throws: StoreError.self) { try migrator.requireCurrent() }
        #expect(error.exitCode == 78 && error.reason == .schemaBehind(pending: 0))
        #expect(try migrator.migrate().map(\.name) == definitions.map(\.name))
        #expect(try db.scalar("SELECT viewpoints_min_cell()") == "6")
        #expect(try migrator.migrate().isEmpty)
        #expect(
            try db.scalar("SELECT proconfig::text FROM pg_proc WHERE proname = 'study_aggregate_tallies'")
                == "{\"search_path=pg_catalog, public, pg_temp\"}")
    }

    @Test func reportsPendingMigrationsOnAnUnmanagedDatabase() throws {
        let db = try TestDatabase()
        try Connection(conninfo: db.url).execute(
            "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)", doing: "test")
        let error = try #require(throws: StoreError.self) { try db.store() }
        #expect(error.exitCode == 78)
        #expect(error.message == "1 migration pending" && error.reason == .schemaBehind(pending: 1))
    }

    @Test func parsesDatabaseURLsLikeLibpq() throws {
        let info = try Connection.conninfo(
            "postgresql://alice@db.example:6543/study?sslmode=require", setting: "dbname", to: "x")
        #expect(info.contains("host='db.example'"))
        #expect(info.contains("port='6543'"))
        #expect(info.contains("user='alice'"))
        #expect(info.contains("sslmode='require'"))
        #expect(info.contains("dbname='x'"))
    }
}
