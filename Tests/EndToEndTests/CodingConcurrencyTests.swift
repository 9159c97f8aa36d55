import Foundation
import Testing
import ViewpointsTestSupport

/// Several coders at once on one study: no lost or duplicated codings, every count exact.
@Suite(.database)
struct CodingConcurrencyTests {
    @Test func eightSessionsAtOnceLoseNothing() throws {
        let cli = try CLI(environment: ["NO_COLOR": nil])
        let db = cli.db
        let files = TestFiles()
        let statements = 150
        var csv = "id,participant,text\n"
        for i in 1...statements { csv += "S\(i),\(i % 2 == 0 ? "a" : "b")@example.org,View number \(i).\n" }
        let setup = [
            ["study", "create", "t"],
            ["import", "participants", files.write("p.csv", "participant\na@example.org\nb@example.org\n")],
            ["import", "statements", files.write("s.csv", csv)],
            [
                "import", "codebook",
                files.write("c.csv", "key,label,parent\nr,R,\nr.one,One,r\nr.two,Two,r\nr.three,Three,r\n"),
            ],
        ]
        for arguments in setup {
            let out = try cli.run(arguments)
            try #require(out.status == 0, "\(arguments): \(out)")
        }
        let coders = (1...7).map { "k\($0)" }
        for coder in coders { _ = try cli.run(["coder", "add", coder]) }
        // k1 runs twice at once: the same decisions twice must not duplicate anything
        let sessions = coders + ["k1"]
        let input = files.write("input.txt", String(repeating: "2+ 3--\n\n", count: statements) + "q\n")
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in cli.environment { merged[key] = value }
        let processes = try sessions.enumerated().map { index, coder in
            try Spawn.start(
                cli.binary.url.path, ["code", "--coder", coder], environment: merged, stdin: input,
                stdout: files.folder + "/out\(index)", stderr: files.folder + "/out\(index)")
        }
        let statuses = processes.map { $0.wait() }
        for (index, ended) in statuses.enumerated() {
            let output = (try? String(contentsOfFile: files.folder + "/out\(index)", encoding: .utf8)) ?? ""
            #expect(ended.status == 0 && !ended.signaled, "session \(index): \(output.suffix(500))")
        }
        let codings = coders.count * statements * 2
        #expect(try db.scalar("SELECT count(*) FROM codings") == String(codings))
        #expect(try db.scalar("SELECT count(*) FROM reviews") == String(coders.count * statements))
        #expect(try db.scalar("SELECT count(*) FROM coding_events WHERE action = 'apply'") == String(codings))
        #expect(
            try db.scalar("SELECT count(DISTINCT seq) FROM coding_events")
                == db.scalar("SELECT max(seq) FROM coding_events"))
        #expect(try db.scalar("SELECT count(*) FROM coding_event_breaks") == "0")
        #expect(try db.scalar("SELECT count(*) FROM final_codings WHERE basis = 'agreed'") == String(statements * 2))
    }
}
