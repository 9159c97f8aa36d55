import Foundation
import Testing
import ViewpointsTestSupport

/// The interactive coder on a pseudo-terminal (util-linux `script`), as a person uses it.
@Suite(
    .database,
    .needs(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script"))
struct CodingTerminalTests {
    @Test func codesUndoesGoesBackQuitsAndResumesOnATerminal() throws {
        let cli = try CLI(environment: ["NO_COLOR": nil, "TERM": "xterm"])
        let db = cli.db
        let binary = cli.binary
        var env = cli.environment
        let files = TestFiles()
        var csv = "id,participant,text\n"
        for i in 1...5 { csv += "S\(i),a@example.org,View number \(i).\n" }
        for arguments in [
            ["study", "create", "t"], ["import", "participants", files.write("p.csv", "participant\na@example.org\n")],
            ["import", "statements", files.write("s.csv", csv)],
            ["import", "codebook", files.write("c.csv", "key,label,parent\nr,R,\nr.one,One,r\nr.two,Two,r\n")],
            ["coder", "add", "ana"],
        ] {
            let out = try cli.run(arguments)
            try #require(out.status == 0, "\(arguments): \(out)")
        }
        let script = ViewpointsBinary(url: URL(fileURLWithPath: "/usr/bin/script"))
        let command = ["-qec", "'\(binary.url.path)' code --coder ana", "/dev/null"]
        // S1: r.one+ done; S2: r.two-- done; S3: r.one, undo, r.two++ done; S4: back to S3, r.one-, quit
        let first = try script.run(command, environment: env, input: "2+\n\n3--\n\n2\nu\n3++\n\nb\n2-\nq\n")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("\u{1B}[1mS1\u{1B}[0m  1/5"), "colour on a terminal: \(first)")
        #expect(first.stdout.contains("undone: removed S3 r.one (was 0)"), "\(first)")
        let coded = try db.rows(
            """
            SELECT r.reference, c.key, g.stance FROM codings g JOIN statement_refs r USING (study_id, statement_id)
              JOIN codes c USING (study_id, code_id) ORDER BY 1, 2
            """)
        #expect(
            coded == [["S1", "r.one", "1"], ["S2", "r.two", "-2"], ["S3", "r.one", "-1"], ["S3", "r.two", "2"]])
        let history = try binary.run(["history", "--statement", "S3", "--format", "csv"], environment: env)
        #expect(
            history.stdout.split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)[4...7].joined(separator: ",")
            }
                == [
                    "r.one,apply,absent,0", "r.one,remove,0,absent", "r.two,apply,absent,2", ",review,,",
                    "r.one,apply,absent,-1",
                ], "\(history)")
        // restart: S4 is next (S3 was reviewed), and NO_COLOR turns colour off
        env["NO_COLOR"] = "1"
        let second = try script.run(command, environment: env, input: "q\n")
        #expect(second.stdout.contains("S4  4/5"), "\(second)")
        #expect(!second.stdout.contains("\u{1B}["), "\(second)")
        #expect(second.stdout.contains("3 of 5 statements reviewed"), "\(second)")
    }
}
