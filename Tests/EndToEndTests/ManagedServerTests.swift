import Foundation
import Testing
import ViewpointsStore

/// The managed local cluster: started, used and stopped by the binary in a temporary VIEWPOINTS_HOME.
@Suite(.serialized)
struct ManagedServerTests {
    @Test func startsUsesAndStopsItsOwnCluster() throws {
        let binary = try ViewpointsBinary()
        let home = "/tmp/vp-managed-\(UInt32.random(in: 0...UInt32.max))"
        let env: [String: String?] = ["VIEWPOINTS_HOME": home, "DATABASE_URL": nil, "NO_COLOR": "1"]
        let server = ManagedServer(home: home)
        defer {
            _ = try? binary.run(["server", "stop"], environment: env)
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: server.clusterRoot)
        }
        let before = try binary.run(["server", "status"], environment: env)
        #expect(before.stdout.contains("state: stopped"), "\(before)")
        // no explicit start: the first command starts and migrates the cluster on demand
        let created = try binary.run(["study", "create", "demo", "--title", "Managed"], environment: env)
        #expect(created.status == 0, "\(created)")
        #expect(FileManager.default.fileExists(atPath: home + "/keys/demo.key"))
        let status = try binary.run(["db", "status"], environment: env)
        #expect(status.stdout.contains("[managed]"), "\(status)")
        #expect(status.stdout.contains("pending migrations: none"))
        #expect(server.socketDirectory.utf8.count + "/.s.PGSQL.5432".utf8.count <= 107)
        let running = try binary.run(["server", "status"], environment: env)
        #expect(running.stdout.contains("state: running"))
        // starting a running server returns at once (the postmaster must not inherit the start lock)
        let again = try binary.run(["server", "start"], environment: env)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("running: PostgreSQL"))
        let stopped = try binary.run(["server", "stop"], environment: env)
        #expect(stopped.stdout.contains("stopped"))
        let list = try binary.run(["study", "list", "--format", "csv"], environment: env)
        #expect(list.stdout.contains("demo,Managed,0,0,0,0,"), "\(list)")
    }
}
