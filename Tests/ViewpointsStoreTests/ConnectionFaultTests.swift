import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// The connection wrapper under faults: a default connect timeout, a session the server ends, a lost commit.
@Suite(.database)
struct ConnectionFaultTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase(migrated: false)
    }

    /// Ends `connection`'s server session from another one, as a server shutdown or restart does (57P01).
    func terminate(_ connection: Connection) throws(StoreError) {
        let pid = try connection.query("SELECT pg_backend_pid()", doing: "test").scalar!
        let admin = try Connection(conninfo: db.url)
        try admin.query("SELECT pg_terminate_backend($1::int, 10000)", [pid], doing: "terminating a session")
    }

    @Test func appliesATenSecondConnectTimeoutUnlessOneIsGiven() throws {
        // nothing given: the default, read back from libpq's effective options
        #expect(try Connection(conninfo: db.url, environment: [:]).option("connect_timeout") == "10")
        // the URL's own value wins, as a URI parameter or a key=value
        let base = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? db.url
        let given =
            base.hasPrefix("postgres")
            ? base + (base.contains("?") ? "&" : "?") + "connect_timeout=3" : base + " connect_timeout=3"
        #expect(try Connection(conninfo: given, environment: [:]).option("connect_timeout") == "3")
        let keyValue = try Connection.conninfo(db.url, setting: "connect_timeout", to: "4")
        #expect(try Connection(conninfo: keyValue, environment: [:]).option("connect_timeout") == "4")
        // PGCONNECT_TIMEOUT set: libpq's own default handling is left alone
        #expect(
            try Connection(conninfo: db.url, environment: ["PGCONNECT_TIMEOUT": "7"]).option("connect_timeout")
                != "10")
    }

    @Test func aConnectionTheServerEndedFailsAsUnavailable() throws {
        let connection = try Connection(conninfo: db.url)
        try terminate(connection)
        // the first use finds the connection gone, and so does the next (a plain query does not reconnect)
        for _ in 1...2 {
            let error = try #require(throws: StoreError.self) { try connection.query("SELECT 1", doing: "reading") }
            #expect(error.kind == .unavailable && error.exitCode == 69, "\(error)")
        }
        #expect(connection.isLost)
    }

    @Test func reconnectsAndRepeatsAReadOnce() throws {
        let connection = try Connection(conninfo: db.url)
        let before = try connection.query("SELECT pg_backend_pid()", doing: "test").scalar
        try terminate(connection)
        var notices: [String] = []
        var attempts = 0
        let value = try connection.retryingOnLostConnection(onReconnect: { notices.append($0) }) {
            () throws(StoreError) in
            attempts += 1
            return try connection.query("SELECT 41 + 1", doing: "reading").scalar
        }
        #expect(value == "42")
        #expect(attempts == 2)
        #expect(notices.count == 1)
        #expect(notices.first?.contains("was lost (reading: terminating connection") == true, "\(notices)")
        #expect(notices.first?.hasSuffix("; reconnected") == true, "\(notices)")
        #expect(try connection.query("SELECT pg_backend_pid()", doing: "test").scalar != before)
    }

    @Test func doesNotRepeatWorkInsideTheCallersTransaction() throws {
        let connection = try Connection(conninfo: db.url)
        try connection.execute("BEGIN", doing: "test")
        try terminate(connection)
        var attempts = 0
        #expect(throws: StoreError.self) {
            try connection.retryingOnLostConnection(onReconnect: { _ in }) { () throws(StoreError) in
                attempts += 1
                try connection.query("SELECT 1", doing: "reading")
            }
        }
        #expect(attempts == 1)
    }

    @Test func aCommitLostOnTheWayIsReportedAsUnknownAndNotRepeated() throws {
        let connection = try Connection(conninfo: db.url)
        try connection.execute("CREATE TABLE t (x int)", doing: "test")
        var attempts = 0
        var notices: [String] = []
        do {
            try connection.retryingOnLostConnection(onReconnect: { notices.append($0) }) { () throws(StoreError) in
                try connection.transaction(doing: "storing x") { () throws(StoreError) in
                    attempts += 1
                    try connection.query("INSERT INTO t VALUES (1)", doing: "storing x")
                    // the session ends after the last statement: only COMMIT finds out
                    try terminate(connection)
                }
            }
            Issue.record("a lost COMMIT must not pass as saved")
        } catch {
            #expect(error.sqlState == "08007", "\(error)")
            #expect(error.kind == .other, "reconnected: the caller may go on")
            #expect(error.message.contains("whether the change was saved is unknown"), "\(error)")
        }
        #expect(attempts == 1)
        #expect(notices.count == 1)
        #expect(try connection.query("SELECT count(*) FROM t", doing: "test").scalar == "0")
    }
}
