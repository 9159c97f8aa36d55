import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// Faults injected under the binary: a killed import, a server restarted under a coding session, a server that
/// cannot be reached. Nothing confirmed may be lost, nothing half-done may stay, and the user is told what happened.
@Suite(.database)
struct FaultTests {
    let binary: ViewpointsBinary

    init() throws {
        binary = try ViewpointsBinary()
    }

    // MARK: - SIGKILL during a large import

    @Test func importKilledPastAThirdLeavesNothingAndARerunImportsAll() throws {
        let db = try TestDatabase()
        let files = TestFiles()
        let env: [String: String?] = ["DATABASE_URL": db.url, "VIEWPOINTS_HOME": db.home, "VIEWPOINTS_STUDY": nil]
        let rows = 300_000
        let (participants, statements) = FaultTests.generateStatements(rows, in: files)
        // over the bulk-load threshold (32 MB): the import also drops and re-adds a foreign key in its transaction
        #expect(FaultTests.size(statements) >= 32 << 20)
        for arguments in [["study", "create", "big"], ["import", "participants", participants]] {
            let out = try binary.run(arguments, environment: env)
            try #require(out.status == 0, "\(arguments): \(out)")
        }
        let before = try db.snapshot()
        let constraintsBefore = try FaultTests.constraints(db)

        var merged = ProcessInfo.processInfo.environment
        merged["DATABASE_URL"] = db.url
        merged["VIEWPOINTS_HOME"] = db.home
        merged["VIEWPOINTS_STUDY"] = nil
        let child = try Spawn.start(
            binary.url.path, ["import", "statements", statements], environment: merged, stdin: "/dev/null",
            stdout: files.folder + "/import.out", stderr: files.folder + "/import.err")
        // watch the server's own count of the rows COPY has taken, and kill the client once past a third
        let watcher = try Connection(conninfo: db.url)
        var observed = 0
        let deadline = Date().addingTimeInterval(600)
        while observed <= rows / 3, !FaultTests.hasEnded(child.pid), Date() < deadline {
            observed =
                Int(
                    try watcher.query(
                        "SELECT max(tuples_processed) FROM pg_stat_progress_copy WHERE datname = current_database()",
                        doing: "watching the import"
                    ).scalar ?? "0") ?? 0
            if observed <= rows / 3 { usleep(10_000) }
        }
        kill(child.pid, SIGKILL)
        let ended = child.wait()
        let stderr = (try? String(contentsOfFile: files.folder + "/import.err", encoding: .utf8)) ?? ""
        try #require(
            ended.signaled && ended.status == SIGKILL,
            "the import ended (status \(ended.status)) before it was killed; it had sent \(observed) rows: \(stderr)")
        try #require(observed > rows / 3 && observed < rows, "killed after \(observed) of \(rows) rows")

        // the server notices the closed connection and rolls the transaction back: wait for its session to end
        let gone = Date().addingTimeInterval(60)
        while Date() < gone,
            try watcher.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                doing: "waiting for the killed import's session"
            ).scalar != "0"
        {
            usleep(50_000)
        }
        #expect(try db.scalar("SELECT count(*) FROM statements") == "0")
        #expect(try db.snapshot() == before, "the killed import changed the database")
        #expect(try FaultTests.constraints(db) == constraintsBefore, "the killed import changed the schema")

        let again = try binary.run(["import", "statements", statements], environment: env)
        #expect(again.status == 0, "\(again)")
        #expect(try db.scalar("SELECT count(*) FROM statements") == String(rows))
    }

    /// `rows` statements by 60 invented participants, about 150 bytes each, like Scripts/bench.d/generate-statements.py.
    static func generateStatements(_ rows: Int, in files: TestFiles) -> (participants: String, statements: String) {
        var participants = "participant,constituency\n"
        for p in 1...60 { participants += "staff-\(p)@example.org,academic\n" }
        let words =
            ("relations between the two countries have rarely been this strained and the region expects a clearer "
            + "policy on trade transit security cooperation while parliament debates economic dependence").split(
                separator: " ")
        var text = [UInt8]()
        text.reserveCapacity(rows * 160)
        text += Array("participant,text,question\n".utf8)
        var generator = SystemRandomNumberGenerator()
        for i in 1...rows {
            let who = Int.random(in: 1...60, using: &generator)
            var line = "staff-\(who)@example.org,\"Statement \(i):"
            while line.utf8.count < 150 { line += " " + words.randomElement(using: &generator)! }
            line += ".\",Q\(i % 8 + 1)\n"
            text += Array(line.utf8)
        }
        return (files.write("participants.csv", participants), files.write("statements.csv", bytes: text))
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func constraints(_ db: TestDatabase) throws -> [[String?]] {
        try db.rows(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2
            """)
    }

    /// Whether the child has exited (a zombie, not yet reaped), read from /proc without reaping it.
    static func hasEnded(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    // MARK: - An unreachable server

    @Test func closedPortExits69NamingTheAddressNotThePassword() throws {
        let port = try ListeningSocket.freePort()
        let started = Date()
        let out = try binary.run(
            ["study", "list"],
            environment: [
                "DATABASE_URL": "postgresql://ana:Secret-Pass-42@127.0.0.1:\(port)/viewpoints?connect_timeout=3"
            ])
        #expect(out.status == 69, "\(out)")
        #expect(out.stderr.contains("127.0.0.1:\(port)"), "\(out)")
        #expect(!out.stderr.contains("Secret-Pass-42") && !out.stdout.contains("Secret-Pass-42"), "\(out)")
        #expect(Date().timeIntervalSince(started) < 10, "a refused connection must fail at once")
    }

    @Test func serverThatNeverAnswersTimesOutWithExit69() throws {
        let silent = try ListeningSocket()
        let started = Date()
        let out = try binary.run(
            ["study", "list"],
            environment: [
                "DATABASE_URL": "host=127.0.0.1 port=\(silent.port) user=ana password=Secret-Pass-42 connect_timeout=2"
            ])
        let elapsed = Date().timeIntervalSince(started)
        #expect(out.status == 69, "\(out)")
        #expect(out.stderr.contains("127.0.0.1:\(silent.port)"), "\(out)")
        #expect(out.stderr.contains("timeout"), "\(out)")
        #expect(!out.stderr.contains("Secret-Pass-42"), "\(out)")
        // libpq waits connect_timeout (2 s) for the answer, then gives up
        #expect(elapsed >= 1.5 && elapsed < 8, "took \(elapsed) s")
    }

    @Test func unixSocketThatIsMissingExits69NamingThePath() throws {
        let folder = "/tmp/viewpoints-nosocket-\(UUID().uuidString.prefix(8))"
        let out = try binary.run(
            ["study", "list"], environment: ["DATABASE_URL": "host=\(folder) port=5999 user=ana dbname=x"])
        #expect(out.status == 69, "\(out)")
        #expect(out.stderr.contains("socket \(folder)"), "\(out)")
    }

    // MARK: - PostgreSQL restarted under a coding session

    @Test(.needs(PrivateCluster.available, "needs PostgreSQL's server programs"))
    func restartUnderACodingSessionLosesNothingConfirmed() throws {
        let cluster = try PrivateCluster()
        let files = TestFiles()
        let home = files.folder + "/home"
        let env: [String: String?] = [
            "DATABASE_URL": cluster.url, "VIEWPOINTS_HOME": home, "VIEWPOINTS_STUDY": nil, "NO_COLOR": "1",
        ]
        var csv = "id,participant,text\n"
        for i in 1...8 { csv += "S\(i),a@example.org,View number \(i).\n" }
        for arguments in [
            ["db", "migrate"], ["study", "create", "t"],
            ["import", "participants", files.write("p.csv", "participant\na@example.org\n")],
            ["import", "statements", files.write("s.csv", csv)],
            ["import", "codebook", files.write("c.csv", "key,label,parent\nr,R,\nr.one,One,r\nr.two,Two,r\n")],
            ["coder", "add", "ana"],
        ] {
            let out = try binary.run(arguments, environment: env)
            try #require(out.status == 0, "\(arguments): \(out)")
        }

        let session = try PipedSession(
            binary: binary, arguments: ["code", "--coder", "ana"], environment: env, folder: files.folder)
        try session.expect("S1  1/8")
        try session.send("2+")
        try session.expect("applied S1 r.one +1")
        try session.send("")
        try session.expect("S2  2/8")
        try session.send("3--")
        try session.expect("applied S2 r.two -2")

        try cluster.restart()
        // the next action finds the connection gone, reconnects and is done once more
        try session.send("2++")
        try session.expect("applied S2 r.one +2")
        #expect(session.stderr.contains("connection to the database at"), "\(session.transcript)")
        #expect(session.stderr.contains("reconnected"), "\(session.transcript)")
        try session.send("")
        try session.expect("S3  3/8")

        // restarted again while the session waits on a statement: "done" must still record the review
        try cluster.restart()
        try session.send("")
        try session.expect("S4  4/8")
        try session.send("3+")
        try session.expect("applied S4 r.two +1")
        try session.send("q")
        let ended = session.wait()
        #expect(ended.status == 0 && !ended.signaled, "\(session.transcript)")
        #expect(session.stdout.contains("ana: 4 of 8 statements reviewed; all saved"), "\(session.transcript)")

        let codings = try Connection(conninfo: cluster.url).query(
            """
            SELECT r.reference, c.key, g.stance::text FROM codings g JOIN statement_refs r USING (study_id, statement_id)
              JOIN codes c USING (study_id, code_id) ORDER BY 1, 2
            """, doing: "reading codings"
        ).rows.map(\.values)
        #expect(
            codings == [["S1", "r.one", "1"], ["S2", "r.one", "2"], ["S2", "r.two", "-2"], ["S4", "r.two", "1"]])
        let reviewed = try Connection(conninfo: cluster.url).query(
            """
            SELECT string_agg(r.reference, ',' ORDER BY r.reference) FROM reviews v
              JOIN statement_refs r USING (study_id, statement_id)
            """, doing: "reading reviews"
        ).scalar
        #expect(reviewed == "S1,S2,S3,S4")
        let audit = try binary.run(["audit", "verify"], environment: env)
        #expect(audit.status == 0 && audit.stdout.contains("audit trail intact"), "\(audit)")
    }

    @Test(.needs(PrivateCluster.available, "needs PostgreSQL's server programs"))
    func serverGoneForGoodEndsTheSessionWithExit69() throws {
        let cluster = try PrivateCluster()
        let files = TestFiles()
        let env: [String: String?] = [
            "DATABASE_URL": cluster.url, "VIEWPOINTS_HOME": files.folder + "/home", "VIEWPOINTS_STUDY": nil,
            "NO_COLOR": "1",
        ]
        for arguments in [
            ["db", "migrate"], ["study", "create", "t"],
            ["import", "participants", files.write("p.csv", "participant\na@example.org\n")],
            ["import", "statements", files.write("s.csv", "id,participant,text\nS1,a@example.org,A view.\n")],
            ["import", "codebook", files.write("c.csv", "key,label,parent\nr,R,\nr.one,One,r\n")],
            ["coder", "add", "ana"],
        ] {
            let out = try binary.run(arguments, environment: env)
            try #require(out.status == 0, "\(arguments): \(out)")
        }
        let session = try PipedSession(
            binary: binary, arguments: ["code", "--coder", "ana"], environment: env, folder: files.folder)
        try session.expect("S1  1/1")
        try session.send("2+")
        try session.expect("applied S1 r.one +1")
        try cluster.stop()
        let started = Date()
        try session.send("2++")
        let ended = session.wait()
        #expect(ended.status == 69 && !ended.signaled, "\(session.transcript)")
        #expect(session.stderr.contains("127.0.0.1:\(cluster.port)"), "\(session.transcript)")
        #expect(session.stderr.contains("was lost and could not be made again"), "\(session.transcript)")
        #expect(session.stderr.contains("everything confirmed before this is saved"), "\(session.transcript)")
        #expect(Date().timeIntervalSince(started) < 30, "\(session.transcript)")
        try cluster.start()
        let stance = try Connection(conninfo: cluster.url).query("SELECT stance::text FROM codings", doing: "reading")
            .rows.map(\.values)
        #expect(stance == [["1"]])
    }
}

/// The binary reading its standard input from a pipe the test writes to line by line, output to files.
final class PipedSession: @unchecked Sendable {
    let child: Spawn
    let input: FileHandle
    let folder: String

    init(binary: ViewpointsBinary, arguments: [String], environment: [String: String?], folder: String) throws {
        self.folder = folder
        let fifo = folder + "/stdin"
        guard mkfifo(fifo, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        // opened read-write (does not wait for a reader) and close-on-exec (other tests' children must not hold it)
        let descriptor = open(fifo, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        input = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        child = try Spawn.start(
            binary.url.path, arguments, environment: merged, stdin: fifo, stdout: folder + "/stdout",
            stderr: folder + "/stderr")
    }

    var stdout: String { (try? String(contentsOfFile: folder + "/stdout", encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: folder + "/stderr", encoding: .utf8)) ?? "" }
    var transcript: String { "--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    func send(_ line: String) throws {
        try input.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Waits until standard output contains `text` (the session's confirmation), failing after 60 s.
    func expect(_ text: String) throws {
        let deadline = Date().addingTimeInterval(60)
        while !stdout.contains(text) {
            if Date() > deadline || FaultTests.hasEnded(child.pid) {
                throw PrivateCluster.Failure(description: "never saw '\(text)':\n\(transcript)")
            }
            usleep(20_000)
        }
    }

    /// Closes standard input and waits for the session to end.
    func wait() -> (status: Int32, signaled: Bool) {
        try? input.close()
        return child.wait()
    }
}
