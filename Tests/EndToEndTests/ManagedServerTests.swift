import Foundation
import Testing
import ViewpointsCore
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

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    static func owner(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.ownerAccountID] as? NSNumber)?.intValue ?? -1
    }

    @Test func aLongHomeGetsAPrivateSocketFolderNoOneCanPreemptAndATamperedOneIsRefused() throws {
        let binary = try ViewpointsBinary()
        let top = "/tmp/vp-managed-\(UInt32.random(in: 0...UInt32.max))"
        let home = top + "/" + String(repeating: "deep-folder/", count: 8)
        let env: [String: String?] = ["VIEWPOINTS_HOME": home, "DATABASE_URL": nil, "NO_COLOR": "1"]
        let server = ManagedServer(home: URL(fileURLWithPath: home).standardizedFileURL.path)
        // what the old scheme would have used: another user could create it first, world-writable
        let tag = Hashing.hex(Hashing.sha256(URL(fileURLWithPath: home).standardizedFileURL.path)).prefix(12)
        let squatted = "/tmp/viewpoints-\(tag)"
        mkdir(squatted, 0o777)
        chmod(squatted, 0o777)
        defer {
            _ = try? binary.run(["server", "stop"], environment: env)
            try? FileManager.default.removeItem(atPath: top)
            try? FileManager.default.removeItem(atPath: server.clusterRoot)
            try? FileManager.default.removeItem(atPath: server.socketDirectory)
            try? FileManager.default.removeItem(atPath: squatted)
        }
        let created = try binary.run(["study", "create", "demo"], environment: env)
        #expect(created.status == 0, "\(created)")
        let socket = server.socketDirectory
        #expect(socket != squatted, "\(socket)")
        // as root the cluster lives in /var/lib/viewpoints/TAG, short enough for its own run folder
        #expect(geteuid() == 0 ? socket == server.clusterRoot + "/run" : socket.hasPrefix("/tmp/viewpoints-"))
        #expect(Self.mode(socket) == 0o700)
        #expect(Self.mode(home) == 0o700)
        #expect(Self.mode(squatted) == 0o777)  // left alone, never used
        #expect(FileManager.default.fileExists(atPath: socket + "/.s.PGSQL.5432"))
        // someone loosens the folder: the next command refuses to use it (exit 77) and says why
        chmod(socket, 0o777)
        let refused = try binary.run(["study", "list"], environment: env)
        #expect(refused.status == 77, "\(refused)")
        #expect(refused.stderr.contains("\(socket)") && refused.stderr.contains("other users"), "\(refused)")
        chmod(socket, 0o700)
        let again = try binary.run(["study", "list"], environment: env)
        #expect(again.status == 0, "\(again)")
    }

    @Test func startsWithTCPOnAFreshHomeWithAPrivatePasswordFile() throws {
        let binary = try ViewpointsBinary()
        let home = "/tmp/vp-managed-\(UInt32.random(in: 0...UInt32.max))"
        let env: [String: String?] = ["VIEWPOINTS_HOME": home, "DATABASE_URL": nil, "NO_COLOR": "1"]
        let server = ManagedServer(home: home)
        defer {
            _ = try? binary.run(["server", "stop"], environment: env)
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: server.clusterRoot)
        }
        let port = String(20_000 + Int.random(in: 0..<20_000))
        let started = try binary.run(["server", "start", "--tcp", "--port", port], environment: env)
        #expect(started.status == 0, "\(started)")
        #expect(started.stdout.contains("127.0.0.1:\(port)"), "\(started)")
        #expect(Self.mode(home) == 0o700)
        #expect(Self.mode(home + "/server.password") == 0o600)
        let created = try binary.run(["study", "create", "demo"], environment: env)
        #expect(created.status == 0, "\(created)")
        #expect(Self.mode(home + "/keys") == 0o700)
        // exports and backups are private unless --mode says otherwise
        let export = home + "/participants.csv"
        let exported = try binary.run(["export", "participants", "--study", "demo", "--out", export], environment: env)
        #expect(exported.status == 0, "\(exported)")
        #expect(Self.mode(export) == 0o600)
        let shared = try binary.run(
            ["export", "participants", "--study", "demo", "--out", export, "--mode", "640"], environment: env)
        #expect(shared.status == 0, "\(shared)")
        #expect(Self.mode(export) == 0o640)
        let backup = home + "/demo.zip"
        let short = try binary.run(
            ["backup", "--study", "demo", "--out", backup, "--include-key"],
            environment: env.merging(["VIEWPOINTS_BACKUP_PASSPHRASE": "a"]) { $1 })
        #expect(short.status == 64, "\(short)")
        #expect(short.stderr.contains("at least 12"), "\(short)")
        #expect(!FileManager.default.fileExists(atPath: backup))
        let sealed = try binary.run(
            ["backup", "--study", "demo", "--out", backup, "--include-key"],
            environment: env.merging(["VIEWPOINTS_BACKUP_PASSPHRASE": "four unrelated words"]) { $1 })
        #expect(sealed.status == 0, "\(sealed)")
        #expect(Self.mode(backup) == 0o600)
        let tallies = home + "/tallies.csv"
        let tallied = try binary.run(["export", "tallies", "--study", "demo", "--out", tallies], environment: env)
        #expect(Self.mode(tallies) == 0o600, "\(tallied)")
    }
}
