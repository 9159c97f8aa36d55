import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// What every session of the program sets on the server.
@Suite(.database)
struct SessionSettingsTests {
    let db: TestDatabase
    init() throws { db = try TestDatabase() }

    func jit(_ connection: Connection) throws -> String? {
        try connection.query("SHOW jit", [], doing: "reading jit").rows.first?[0] ?? nil
    }

    @Test func queriesAreNeverJITCompiled() throws {
        #expect(try jit(Connection(conninfo: db.url, environment: [:])) == "off")
        #expect(try jit(db.store().connection) == "off")
    }

    @Test func theUsersOwnOptionsWin() throws {
        let own = try Connection.conninfo(db.url, setting: "options", to: "-c jit=on")
        #expect(try jit(Connection(conninfo: own, environment: [:])) == "on")
        // with PGOPTIONS in the environment, the program adds nothing and libpq uses the variable
        #expect(try jit(Connection(conninfo: db.url, environment: ["PGOPTIONS": "-c work_mem=8MB"])) == "on")
    }

    @Test func consensusTalliesNeverJITCompilesForPsqlUsersEither() throws {
        let settings = try db.scalar(
            "SELECT array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'consensus_tallies'")
        #expect(settings?.split(separator: ",").contains("jit=off") == true, "\(settings ?? "none")")
    }
}
