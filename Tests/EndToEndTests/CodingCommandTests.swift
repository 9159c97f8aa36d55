import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// The coding commands as a user runs them: a study set up through the binary, then scripted and piped sessions.
@Suite(.database)
struct CodingCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let files = TestFiles()

    init() throws {
        cli = try CLI(environment: ["NO_COLOR": nil])
        let participants = files.write(
            "p.csv", "participant,constituency\na@example.org,former_diplomat\nb@example.org,journalist_media\n")
        let statements = files.write(
            "s.csv",
            "id,participant,question,text\nS1,a@example.org,Q1,First view.\nS2,a@example.org,Q2,Second view.\n"
                + "S3,b@example.org,Q1,Third view.\n")
        let codebook = files.write(
            "c.csv",
            "key,label,description,parent\nrelations,Relations,,\nrelations.lowest,Lowest,Lowest since 9/11,relations\n"
                + "relations.transactional,Transactional,,relations\n")
        for arguments in [
            ["study", "create", "t"], ["import", "participants", participants, "--order", "file"],
            ["import", "statements", statements],
            ["import", "codebook", codebook], ["coder", "add", "ana"],
        ] {
            let out = try cli.run(arguments)
            #expect(out.status == 0, "\(arguments): \(out)")
        }
    }

    func events() throws -> [String] {
        try db.rows(
            """
            SELECT r.reference, coalesce(c.key, '-'), e.action, coalesce(e.new_stance::text, '-')
              FROM coding_events e
              JOIN statement_refs r USING (study_id, statement_id)
              LEFT JOIN codes c USING (study_id, code_id)
             ORDER BY e.seq
            """
        ).map { $0.map { $0 ?? "" }.joined(separator: " ") }
    }

    @Test func scriptedCommandsTakeWordsSymbolsAndIntegers() throws {
        var out = try cli.run(["code", "add", "S1", "relations.lowest", "--stance=++", "--coder", "ana"])
        #expect(out.stdout == "applied S1 relations.lowest +2\n", "\(out)")
        out = try cli.run(["code", "add", "S1", "relations.lowest", "--stance", "-1", "--coder", "ana"])
        #expect(out.stdout == "changed S1 relations.lowest +2 → -1\n", "\(out)")
        out = try cli.run(["code", "add", "S2", "3", "--stance", "strongly-oppose", "--coder", "ana"])
        #expect(out.stdout == "applied S2 relations.transactional -2\n", "\(out)")
        out = try cli.run(["code", "add", "S3", "relations.lowest", "--coder", "ana", "--note", "hedged"])
        #expect(out.stdout == "applied S3 relations.lowest 0\n", "\(out)")
        out = try cli.run(["code", "remove", "S2", "relations.transactional", "--coder", "ana"])
        #expect(out.stdout == "removed S2 relations.transactional (was -2)\n", "\(out)")
        out = try cli.run(["code", "done", "S2", "--coder", "ana"])
        #expect(out.stdout == "reviewed S2\n", "\(out)")
        out = try cli.run(["export", "codings"])
        #expect(
            out.stdout
                == "statement,coder,code,stance,note\nS1,ana,relations.lowest,-1,\nS2,ana,,,\nS3,ana,relations.lowest,0,hedged\n",
            "\(out)")
        out = try cli.run(["export", "codings", "--final"])
        #expect(
            out.stdout == "statement,code,stance,basis\nS1,relations.lowest,-1,single\nS3,relations.lowest,0,single\n",
            "\(out)")
    }

    @Test func removingWhatWasNeverAppliedKeepsTheAuditTrailWhole() throws {
        var out = try cli.run(["code", "remove", "S3", "relations.lowest", "--coder", "ana"])
        #expect(out.status == 0, "\(out)")
        out = try cli.run(["audit", "verify"])
        #expect(out.status == 0 && out.stdout.hasPrefix("audit trail intact: 1 event"), "\(out)")
        #expect(try events() == ["S3 - review -"])
        // a second removal changes nothing and records nothing
        out = try cli.run(["code", "remove", "S3", "relations.lowest", "--coder", "ana"])
        #expect(out.status == 0, "\(out)")
        #expect(try events() == ["S3 - review -"])
    }

    @Test func refusesAnUnknownCoderWithASuggestion() throws {
        let out = try cli.run(["code", "add", "S1", "relations.lowest", "--coder", "anna"])
        #expect(out.status == 65, "\(out)")
        #expect(out.stderr.contains("no coder 'anna' in study t"))
        #expect(out.stderr.contains("did you mean 'ana'?"))
        let session = try cli.run(["code", "--coder", "anna"], input: "q\n")
        #expect(session.status == 65, "\(session)")
        #expect(try db.scalar("SELECT count(*) FROM coding_events") == "0")
    }

    @Test func pipedSessionCommitsEveryActionAndResumes() throws {
        // code S1 and S2, undo on S2, go back to S1, then quit before S3
        let input = "2+ relations.transactional--\nn only in part\n\n2\n3+\nu\nb\n\nq\n"
        let out = try cli.run(["code", "--coder", "ana"], input: input)
        #expect(out.status == 0, "\(out)")
        #expect(!out.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(out.stdout.contains("S1  1/3  P"))
        #expect(out.stdout.contains("applied S1 relations.lowest +1"))
        #expect(out.stdout.contains("applied S1 relations.transactional -2"))
        #expect(out.stdout.contains("noted S1 relations.transactional"))
        #expect(out.stdout.contains("S2  2/3"))
        #expect(out.stdout.contains("undone: removed S2 relations.transactional (was +1)"))
        // back on S1, done again: S2 counts as reviewed (coding records a review), so S3 is next
        #expect(out.stdout.contains("S3  3/3"))
        #expect(
            try events() == [
                "S1 relations.lowest apply 1", "S1 relations.transactional apply -2",
                "S1 relations.transactional note -2", "S1 - review -", "S2 relations.lowest apply 0",
                "S2 relations.transactional apply 1", "S2 relations.transactional remove -", "S1 - review -",
            ])
        // quit on S3: a restart shows it again
        let again = try cli.run(["code", "--coder", "ana"], input: "\n")
        #expect(again.stdout.contains("S3  3/3"), "\(again)")
        #expect(again.stdout.contains("done: every statement of this session is reviewed"), "\(again)")
        #expect(try db.scalar("SELECT count(*) FROM coding_event_breaks") == "0")
    }

    @Test func sampleSessionsShowEveryCoderTheSameStatements() throws {
        _ = try cli.run(["coder", "add", "ben"])
        let ana = try cli.run(["code", "--coder", "ana", "--sample", "2", "--seed", "x"], input: "\n\n")
        let ben = try cli.run(["code", "--coder", "ben", "--sample", "50%", "--seed", "x"], input: "\n\n")
        func shown(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.contains("/2  P") }.map { String($0.prefix(2)) }
        }
        #expect(shown(ana.stdout).count == 2, "\(ana)")
        #expect(shown(ana.stdout) == shown(ben.stdout), "\(ben)")
        let bad = try cli.run(["code", "--coder", "ana", "--sample", "2"])
        #expect(bad.status == 64, "\(bad)")
    }
}

extension CodingCommandTests {
    @Test func leadAdjudicatesAndAuditVerifyCatchesTampering() throws {
        _ = try cli.run(["coder", "add", "ben"])
        _ = try cli.run(["coder", "add", "lead"])
        _ = try cli.run(["code", "add", "S1", "relations.lowest", "--stance", "1", "--coder", "ana"])
        _ = try cli.run(["code", "add", "S1", "relations.lowest", "--stance", "2", "--coder", "ben"])
        _ = try cli.run(["code", "add", "S2", "relations.lowest", "--coder", "ana"])
        _ = try cli.run(["code", "done", "S2", "--coder", "ben"])
        var out = try cli.run(["disagreements", "--format", "csv"])
        #expect(
            out.stdout
                == "statement,code,status,decisions,adjudication\nS1,relations.lowest,open,ana=1 ben=2,\n"
                + "S2,relations.lowest,open,ana=0 ben=absent,\n", "\(out)")
        out = try cli.run(["adjudicate", "S1", "relations.lowest", "--stance=++", "--coder", "lead"])
        #expect(out.stdout == "adjudicated S1 relations.lowest: 2\n", "\(out)")
        out = try cli.run(["adjudicate", "--coder", "lead"], input: "a\n")
        #expect(out.stdout.contains("adjudicated S2 relations.lowest: absent"), "\(out)")
        out = try cli.run(["adjudicate", "S1", "relations.lowest", "--coder", "lead"])
        #expect(out.status == 64, "\(out)")
        out = try cli.run(["progress"])
        #expect(out.stdout.contains("disagreements: 0 open, 0 stale"), "\(out)")
        out = try cli.run(["audit", "verify"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.hasPrefix("audit trail intact: 6 events"), "\(out)")
        try Connection(conninfo: db.url).execute(
            "SET session_replication_role = replica; UPDATE coding_events SET new_stance = -2 WHERE seq = 2",
            doing: "tamper")
        out = try cli.run(["audit", "verify"])
        #expect(out.status == 65, "\(out)")
        #expect(out.stdout.contains("event 2: altered"), "\(out)")
    }
}
