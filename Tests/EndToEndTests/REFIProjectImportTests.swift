import Foundation
import Testing
import ViewpointsTestSupport

/// `import project` through the binary: a two-coder NVivo-style project gives the reliability and consensus computed
/// by hand from the fixture, the sample study survives export → import unchanged, and bad or hostile projects are
/// refused with nothing stored.
@Suite(.database)
struct REFIProjectImportTests {
    let cli: CLI
    let files = TestFiles()
    var db: TestDatabase { cli.db }

    init() throws {
        cli = try CLI()
    }

    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/refi/" + name) }

    /// Every row of `csv` (header first) as dictionaries.
    static func records(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let header = lines.first?.map(String.init) else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.map(String.init))) }
    }

    /// The fixture's decisions, read by hand from `nvivo-two-coder-study/project.qde` (each selection's
    /// creatingUser is its coder; a coder who coded in a source reviewed all its paragraphs): statement → code →
    /// (Ayesha, Bilal), 1 applied, 0 not.
    static let decisions: [[String: (Int, Int)]] = [
        // Interview 1, ¶1: both "lowest"; only Bilal's whole-paragraph selection also has "regional"
        ["lowest": (1, 1), "improving": (0, 0), "regional": (0, 1)],
        // Interview 1, ¶2: both "regional"; only Ayesha "improving" ("before anything else")
        ["lowest": (0, 0), "improving": (1, 0), "regional": (1, 1)],
        // Interview 2, ¶1 and ¶2: the same codes on overlapping words
        ["lowest": (1, 1), "improving": (0, 0), "regional": (0, 0)],
        ["lowest": (0, 0), "improving": (1, 1), "regional": (0, 0)],
    ]

    /// Krippendorff's α (nominal, two coders, no missing values), Cohen's κ and percent agreement over every
    /// (statement, code) unit, from the definitions.
    static func expected() -> (alpha: Double, kappa: Double, percent: Double, units: Int) {
        let pairs = decisions.flatMap { $0.values }
        let units = Double(pairs.count)
        let agree = Double(pairs.filter { $0.0 == $0.1 }.count)
        let onesA = Double(pairs.filter { $0.0 == 1 }.count)
        let onesB = Double(pairs.filter { $0.1 == 1 }.count)
        let n = 2 * units
        let ones = onesA + onesB
        let observed = 2 * (units - agree) / n
        let expected = 2 * ones * (n - ones) / (n * (n - 1))
        let chance = (onesA / units) * (onesB / units) + (1 - onesA / units) * (1 - onesB / units)
        return (1 - observed / expected, (agree / units - chance) / (1 - chance), agree / units, pairs.count)
    }

    @Test func aTwoCoderNVivoStyleProjectGivesTheReliabilityAndConsensusComputedByHand() throws {
        #expect(try cli.run(["study", "create", "nvivo"]).status == 0)
        let project = Self.fixture("nvivo-two-coder-study/project.qde")
        let dry = try cli.run(["import", "project", project, "--dry-run"])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("project: 2 text sources read (positions: 2 in Unicode code points), 9 selections"))
        #expect(dry.stdout.contains("codings by user: ayesha-k 5, bilal-z 5"), "\(dry.stdout)")
        #expect(dry.stdout.contains("[dry run: nothing written]"))
        #expect(try db.scalar("SELECT count(*) FROM participants") == "0", "a dry run stores nothing")

        let out = try cli.run(["import", "project", project])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("codebook: 5 new"), "\(out.stdout)")
        #expect(out.stdout.contains("participants: 2 new"))
        #expect(out.stdout.contains("statements: 4 new"))
        #expect(try cli.run(["coder", "list"]).stdout.contains("bilal-z"))

        let reliability = try cli.run(["reliability", "--format", "json"])
        #expect(reliability.status == 0, "\(reliability)")
        let object = try JSONSerialization.jsonObject(with: Data(reliability.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["coders"] as? [String] == ["ayesha-k", "bilal-z"])
        let pooled = (object["figures"] as? [[String: Any]] ?? []).filter {
            $0["scope"] as? String == "all" && $0["measure"] as? String == "presence"
        }
        let value = { (metric: String) in pooled.first { $0["metric"] as? String == metric }?["value"] as? Double }
        let hand = Self.expected()
        #expect(abs((value("alpha") ?? .nan) - hand.alpha) < 1e-9, "α \(value("alpha") ?? .nan) ≠ \(hand.alpha)")
        #expect(abs((value("cohen") ?? .nan) - hand.kappa) < 1e-9)
        #expect(abs((value("percent") ?? .nan) - hand.percent) < 1e-9)
        #expect(pooled.first?["units"] as? Int == hand.units)

        // final codings: agreed pairs count, the two disagreements are unresolved; both respondents neutral (NVivo
        // has no stance)
        let consensus = try cli.run(["consensus", "--format", "csv"])
        #expect(consensus.status == 0, "\(consensus)")
        let rows = Dictionary(
            Self.records(consensus.stdout).map { ($0["code"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let want: [String: (addressed: String, neutral: String, unresolved: String)] = [
            "relations.lowest-since-9-11": ("2", "2", "0"), "relations.improving": ("1", "1", "1"),
            "region.prioritize-regional": ("1", "1", "1"),
        ]
        for (key, counts) in want {
            let row = rows[key] ?? [:]
            #expect(row["participants"] == "2", "\(key): \(row)")
            #expect(row["addressed"] == counts.addressed, "\(key): \(row)")
            #expect(row["neutral"] == counts.neutral, "\(key): \(row)")
            #expect(row["participants_unresolved"] == counts.unresolved, "\(key): \(row)")
        }
    }

    @Test func theSampleStudyExportedAndImportedIntoANewStudyIsTheSame() throws {
        try cli.importSample()
        let qdpx = files.folder + "/ipr.qdpx"
        #expect(try cli.run(["export", "project", "--out", qdpx, "--study", "ipr-2018"]).status == 0)
        #expect(try cli.run(["study", "create", "copy"]).status == 0)
        let imported = try cli.run(["import", "project", qdpx, "--study", "copy"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("participants: 60 new"), "\(imported.stdout)")
        #expect(imported.stdout.contains("(lead lead)"), "\(imported.stdout)")
        for export in [["export", "codebook"], ["export", "codings"], ["consensus", "--format", "csv"]] {
            let original = try cli.run(export + ["--study", "ipr-2018"])
            let copy = try cli.run(export + ["--study", "copy"])
            #expect(original.status == 0 && copy.status == 0)
            // codings' notes are not carried by the project; every other column must be identical
            let strip = { (csv: String) in
                export[1] == "codings" ? csv.split(separator: "\n").map { $0.split(separator: ",").prefix(4) } : []
            }
            if export[1] == "codings" {
                #expect(strip(original.stdout) == strip(copy.stdout))
            } else {
                #expect(original.stdout == copy.stdout, "\(export) differs")
            }
        }
        let adjudications = """
            SELECT st.slug, s.external_id, c.key, a.applied, a.stance FROM adjudications a
              JOIN studies st USING (study_id) JOIN statements s USING (study_id, statement_id)
              JOIN codes c USING (study_id, code_id) ORDER BY 2, 3, 1
            """
        let rows = try db.rows(adjudications)
        let original = rows.filter { $0[0] == "ipr-2018" }.map { Array($0.dropFirst()) }
        #expect(!original.isEmpty)
        #expect(original == rows.filter { $0[0] == "copy" }.map { Array($0.dropFirst()) })
        let texts = try db.rows(
            "SELECT st.slug, s.external_id, s.text FROM statements s JOIN studies st USING (study_id) ORDER BY 2, 1")
        #expect(
            texts.filter { $0[0] == "ipr-2018" }.map { Array($0.dropFirst()) }
                == texts.filter { $0[0] == "copy" }.map { Array($0.dropFirst()) }, "texts as stored, not redacted again"
        )
        let again = try cli.run(["import", "project", qdpx, "--study", "copy"])
        #expect(again.status == 0 && again.stdout.contains("statements: 0 new, 599 unchanged"), "\(again)")
    }

    @Test func participantsFromAFileThroughASpeakerMapAndIdentifyingVariablesRefused() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        let project = Self.fixture("nvivo-two-coder-study/project.qde")
        let participants = files.write(
            "participants.csv",
            "participant,name,sector\nr1@example.org,Amina Yusuf,press\nr2@example.org,Omar Farooq,diplomacy\n")
        // without a map, the Case names are no identifiers of the file: refused at the source, nothing stored
        let unmapped = try cli.run(["import", "project", project, "--participants", participants])
        #expect(unmapped.status == 65, "\(unmapped)")
        #expect(unmapped.stderr.contains("project.qde:"), "\(unmapped.stderr)")
        #expect(try db.scalar("SELECT count(*) FROM codes") == "0")
        let speakers = files.write(
            "speakers.csv", "speaker,participant\nRespondent 1,r1@example.org\nRespondent 2,r2@example.org\n")
        let out = try cli.run(["import", "project", project, "--participants", participants, "--speakers", speakers])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("participants: 2 new") && out.stdout.contains("statements: 4 new"))
        let stored = try cli.run(["export", "participants"]).stdout
        #expect(stored.contains("press") && !stored.contains("journalist"), "attributes from the file: \(stored)")
        #expect(!stored.contains("example.org") && !stored.contains("Amina"))

        // a Variable that would store an identifier is refused as an identifying column is, at its Case
        #expect(try cli.run(["study", "create", "t"]).status == 0)
        let leaky = try String(contentsOfFile: project, encoding: .utf8).replacingOccurrences(
            of: "name=\"constituency\"", with: "name=\"Home address\"")
        let folder = files.folder + "/leaky"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.fixture("nvivo-two-coder-study/Sources"), toPath: folder + "/Sources")
        try leaky.write(toFile: folder + "/project.qde", atomically: true, encoding: .utf8)
        let refused = try cli.run(["import", "project", folder + "/project.qde", "--study", "t"])
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.stderr.contains("project.qde:22:1: column 'Home address' looks identifying"), "\(refused.stderr)")
    }

    @Test(arguments: [
        ("qualcoder-project/project.qde", "codings by user: colleague 2, default 2", "statements: 2 new"),
        (
            "maxqda-project/project.qde", "skipped: 1 selection without a coding (a memo or annotation)",
            "statements: 3 new"
        ),
        ("atlasti-project", "1 in Unicode code points, CRLF counted as one", "statements: 3 new"),
        (
            "nvivo-two-coders/project.qde",
            "skipped: 1 PDF source (not text), 1 text source referenced but missing", "statements: 3 new"
        ),
        ("nvivo-two-coders/project.qde", "(positions: 1 in UTF-16 code units), 4 selections", "codings: 6 new"),
    ])
    func otherProgramsProjectsImport(name: String, summary: String, statements: String) throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        var path = Self.fixture(name)
        if name == "atlasti-project" {
            // zipped as the program ships it: Project.qde and Sources/ in one .qdpx
            path = files.folder + "/atlas.qdpx"
            let python = try #require(ExternalTool.find("python3"))
            let script = """
                import os, sys, zipfile
                with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
                    for folder, _, names in os.walk(sys.argv[1]):
                        for n in names:
                            full = os.path.join(folder, n)
                            z.write(full, os.path.relpath(full, sys.argv[1]))
                """
            let zipped = try ExternalTool.run(python, ["-c", script, Self.fixture(name), path], in: files.folder)
            try #require(zipped.status == 0, "\(zipped)")
        }
        let out = try cli.run(["import", "project", path])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains(summary), "\(out.stdout)")
        #expect(out.stdout.contains(statements), "\(out.stdout)")
    }

    @Test(arguments: [
        ("entity-expansion.qde", "DOCTYPE"), ("external-entity.qde", "DOCTYPE"), ("zip-bomb.qdpx", "ZIP bomb"),
        ("crossing-words.qde", "neither Unicode code points nor UTF-16"),
    ])
    func hostileAndUnplaceableProjectsExitSixtyFiveAndStoreNothing(name: String, words: String) throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        let out = try cli.run(["import", "project", try Self.hostile(name, files: files)])
        #expect(out.status == 65, "\(out)")
        #expect(out.stderr.contains(words), "\(out.stderr)")
        #expect(try db.scalar("SELECT count(*) FROM participants") == "0")
        #expect(try db.scalar("SELECT count(*) FROM codes") == "0")
    }

    @Test func sourcePathsOutsideTheProjectAreNeverOpened() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        let out = try cli.run(["import", "project", Self.fixture("hostile/path-traversal.qde"), "--dry-run"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("project: 0 text sources read"), "\(out.stdout)")
        #expect(
            out.stdout.contains("skipped: 1 text source outside the archive, 2 text source referenced but missing"),
            "\(out.stdout)")
    }

    /// A fixture file, or a ZIP bomb made here (a project.qde of 65 MB of spaces, deflated to some 64 KB).
    static func hostile(_ name: String, files: TestFiles) throws -> String {
        guard name == "zip-bomb.qdpx" else { return fixture("hostile/" + name) }
        let path = files.folder + "/" + name
        let python = try #require(ExternalTool.find("python3"))
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('project.qde', b'<Project>' + b' ' * (65 << 20) + b'</Project>')
            """
        let output = try ExternalTool.run(python, ["-c", script, path], in: files.folder)
        try #require(output.status == 0, "\(output)")
        return path
    }
}
