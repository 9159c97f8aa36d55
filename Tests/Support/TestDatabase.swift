import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore

/// A fresh, migrated database on the server of `DATABASE_URL`, dropped when the test ends.
///
/// Without `DATABASE_URL` the database tests are disabled locally (`TestDatabase.enabled`) and fail under
/// `CI=true`, where a missing database must never pass as a skipped test.
public final class TestDatabase: @unchecked Sendable {
    public let name: String
    /// libpq connection string of the test database.
    public let url: String
    /// A key folder of its own (`VIEWPOINTS_HOME` for the store and the binary).
    public let home: String
    let adminURL: String

    /// Whether database tests run: there is a server, or CI insists.
    public static var enabled: Bool {
        ProcessInfo.processInfo.environment["DATABASE_URL"] != nil || isCI
    }

    /// `CI=true`: nothing may pass as skipped.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public init(migrated: Bool = true) throws {
        guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty else {
            throw StoreError(
                .unavailable, "DATABASE_URL is not set: run the tests with Scripts/test, which starts PostgreSQL")
        }
        adminURL = base
        name = "vp_test_\(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF)"
        let admin = try Connection(conninfo: base)
        try admin.execute("CREATE DATABASE \(name)", doing: "creating a test database")
        url = try Connection.conninfo(base, setting: "dbname", to: name)
        home = NSTemporaryDirectory() + "viewpoints-test-\(name)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        if migrated {
            let store = try Store.open(databaseURL: url, home: home, requireCurrentSchema: false)
            try store.migrator().migrate()
        }
    }

    /// A store on this database.
    public func store() throws -> Store {
        try Store.open(databaseURL: url, home: home)
    }

    /// One value from SQL, for checks that go around the library.
    public func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try Connection(conninfo: url).query(sql, parameters, doing: "test query").scalar
    }

    /// Rows from SQL.
    public func rows(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try Connection(conninfo: url).query(sql, parameters, doing: "test query").rows.map(\.values)
    }

    /// Every table's content as text, to compare before and after a refused import.
    public func snapshot() throws -> [String: [String]] {
        let connection = try Connection(conninfo: url)
        let tables = try connection.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", doing: "listing tables"
        ).rows.map { $0[0]! }
        var result: [String: [String]] = [:]
        for table in tables {
            result[table] = try connection.query(
                "SELECT t::text FROM \(table) t ORDER BY 1", doing: "reading \(table)"
            ).rows.map { $0[0] ?? "" }
        }
        return result
    }

    deinit {
        if let admin = try? Connection(conninfo: adminURL) {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", doing: "dropping a test database")
        }
        try? FileManager.default.removeItem(atPath: home)
    }
}

/// Files written for a test in a folder of their own, removed afterwards.
public final class TestFiles: @unchecked Sendable {
    public let folder: String

    public init() {
        folder = NSTemporaryDirectory() + "viewpoints-files-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `content` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ content: String) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(content.utf8))
        return path
    }

    /// Writes raw bytes.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}

extension Trait where Self == ConditionTrait {
    /// Runs the suite or test when there is a database (`DATABASE_URL`), and always under `CI=true`, where a
    /// missing database fails instead of passing as skipped.
    public static var database: Self {
        .enabled(if: TestDatabase.enabled, "needs DATABASE_URL (Scripts/test starts PostgreSQL)")
    }

    /// Runs when `available` (a program the test needs is installed), and always under `CI=true`, where a missing
    /// program fails the test instead of skipping it.
    public static func needs(_ available: @autoclosure @escaping @Sendable () -> Bool, _ reason: Comment) -> Self {
        .enabled(if: available() || TestDatabase.isCI, reason)
    }
}
