import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// `consensus`, `export tallies`, `export matrix` and `quotes`, run as a user runs them.
@Suite(.database)
struct ConsensusCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let files = TestFiles()

    init() throws {
        cli = try CLI()
    }

    static func csv(_ text: String) throws -> [[String]] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return rows
    }

    @Test func robustnessRepeatsAndGoesToEveryFormat() throws {
        try cli.importSample()
        let code = "relations.lowest-since-9-11"
        let csv = try cli.run(["consensus", "--robustness", "--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        let rows = try ConsensusCommandTests.csv(csv.stdout)
        #expect(rows[0] == ConsensusRow.columns(byAttribute: false, robustness: true))
        let row = try #require(rows.first { $0[0] == code })
        let cells = Dictionary(uniqueKeysWithValues: zip(rows[0], row).map { ($0, $1) })
        // METHODS.md's worked example: 9 supporters fewer make "Many", 2 turned neutral leave strong-support
        #expect(cells["fragility_phrase"] == "9" && cells["fragility_class"] == "2")
        let low = try #require(Double(cells["support_low"] ?? ""))
        let high = try #require(Double(cells["support_high"] ?? ""))
        #expect(low < 0.78 && 0.78 < high)
        #expect(cells["coders_agree"] == "true" && cells["dissenting_coder"] == "")
        // themes carry no robustness
        #expect(rows.first { $0[0] == "relations" }!.suffix(8).allSatisfy { $0.isEmpty })
        // the same run again, and export tallies, give the same bytes; another seed other resamples
        #expect(try cli.run(["consensus", "--robustness", "--format", "csv"]).stdout == csv.stdout)
        let out = files.folder + "/tallies.csv"
        #expect(try cli.run(["export", "tallies", "--robustness", "--out", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == csv.stdout)
        let seeded = try cli.run([
            "consensus", "--robustness", "--seed", "5", "--resamples", "500", "--code", code, "--format", "csv",
        ])
        #expect(seeded.status == 0 && seeded.stdout != csv.stdout)
        let json = try cli.run(["consensus", "--robustness", "--code", code, "--format", "json"])
        let object = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(object["fragility_phrase"] as? Int == 9 && object["dissenting_coder"] is NSNull)
        let table = try cli.run(["consensus", "--robustness", "--code", code])
        #expect(table.stdout.contains("fragility 9 changes (phrase), 2 changes (class)"), "\(table.stdout)")
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(table.stdout)")
        let wide = try cli.run(["consensus", "--robustness", "--wide", "--code", code])
        #expect(wide.stdout.contains("frag_phrase"))
        let refused = try cli.run(["consensus", "--seed", "5"])
        #expect(refused.status == 64 && refused.stderr.contains("--robustness"), "\(refused)")
    }

    @Test func theSampleReadsAsTheReportInEveryFormat() throws {
        try cli.importSample()
        let csv = try cli.run(["consensus", "--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stderr.isEmpty, "complete coding gives no warning: \(csv.stderr)")
        let rows = try ConsensusCommandTests.csv(csv.stdout)
        let header = rows[0]
        #expect(header == ConsensusRow.columns(byAttribute: false))
        let byCode = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        #expect(byCode.count == 51)
        #expect(
            byCode["relations.lowest-since-9-11"]?.last
                == "Most participants agreed (39 of 60; 39 of 50 who addressed it)")
        #expect(
            byCode["india.normalization-enables-policy-change"]?.last
                == "Many participants agreed (22 of 60; 22 of 31 who addressed it)")
        #expect(
            byCode["region.prioritize-regional"]?.suffix(2) == [
                "unanimous-support", "All participants who addressed it agreed (44 of 60)",
            ])

        // JSON carries the same numbers, null where CSV is empty
        let json = try cli.run(["consensus", "--format", "json"])
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 51)
        for (object, row) in zip(objects, rows.dropFirst()) {
            for (key, cell) in zip(header, row) {
                let value = object[key]
                if cell.isEmpty {
                    #expect(value is NSNull, "\(row[0]) \(key)")
                } else if let number = value as? NSNumber, !(value is String) {
                    #expect(abs(number.doubleValue - Double(cell)!) < 1e-12, "\(row[0]) \(key)")
                } else {
                    #expect(value as? String == cell, "\(row[0]) \(key)")
                }
            }
        }

        // the wide table prints the same strings (shares rounded), labels in full when not on a terminal
        let table = try cli.run(["consensus", "--wide"])
        #expect(table.status == 0)
        let line = try #require(
            table.stdout.split(separator: "\n").first { $0.hasPrefix("relations.lowest-since-9-11 ") })
        let lowest = try #require(byCode["relations.lowest-since-9-11"])
        for cell in [lowest[1]] + lowest[3...8] + lowest[15...] {
            #expect(line.contains(cell), "\(cell) missing from \(line)")
        }
        for cell in lowest[10...14] {
            let rounded = ConsensusValue.format(try #require(Double(cell)))
            #expect(line.contains(rounded), "\(rounded) missing from \(line)")
        }

        // the default table fits 100 columns: counts and class on the code's line, the phrase under it
        let narrow = try cli.run(["consensus"])
        #expect(narrow.status == 0)
        let lines = narrow.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count).max() ?? 0) columns")
        let at = try #require(lines.firstIndex { $0.hasPrefix("relations.lowest-since-9-11 ") })
        for cell in lowest[4...7] + [lowest[15]] { #expect(lines[at].contains(cell), "\(cell) missing: \(lines[at])") }
        let phrase = lines[(at + 1)...].prefix { $0.hasPrefix("    ") }.map { $0.dropFirst(4) }.joined(separator: " ")
        #expect(phrase == lowest[16], "\(phrase)")
    }

    @Test func exportTalliesIsTheConsensusCSVAndLoadsInPython() throws {
        try cli.importSample()
        let out = files.folder + "/tallies.csv"
        let export = try cli.run(["export", "tallies", "--by", "constituency", "--out", out])
        #expect(export.status == 0, "\(export)")
        let consensus = try cli.run(["consensus", "--by", "constituency", "--format", "csv"])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == consensus.stdout)
        #expect(consensus.stderr.contains("groups with fewer than 5 participants are suppressed"))
        let rows = try ConsensusCommandTests.csv(consensus.stdout)
        let suppressed = rows.filter { $0[5] == "true" }.map { $0[4] }
        #expect(Set(suppressed) == ["business_economist", "civil_servant"])
        #expect(rows.filter { $0[5] == "true" }.allSatisfy { $0[6...11].allSatisfy { $0.isEmpty } })

        // Python's csv module: documented columns; counts are integers and shares floats where present
        let script = """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            cols = list(rows[0].keys())
            assert cols[:6] == ['code', 'label', 'theme', 'attribute', 'group', 'suppressed'], cols
            for r in rows:
                assert r['suppressed'] in ('true', 'false')
                for c in ('participants', 'addressed', 'participants_unresolved'):
                    assert r[c] == '' or int(r[c]) >= 0
                for c in ('share_support', 'share_oppose', 'wilson_low', 'wilson_high', 'cns', 'coverage'):
                    assert r[c] == '' or 0.0 <= float(r[c]) <= 1.0, (c, r[c])
            try:
                import pandas
            except ImportError:
                pandas = None
            if pandas is not None:
                frame = pandas.read_csv(sys.argv[1])
                assert str(frame['share_support'].dtype) == 'float64'
                assert str(frame['suppressed'].dtype) == 'bool'
            print(len(rows))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, out]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "357\n")
    }

    @Test func matrixAndQuotes() throws {
        try cli.importSample()
        let matrix = try ConsensusCommandTests.csv(try cli.run(["export", "matrix"]).stdout)
        #expect(matrix.count == 61)
        let column = try #require(matrix[0].firstIndex(of: "region.prioritize-regional"))
        #expect(matrix.dropFirst().filter { !$0[column].isEmpty }.count == 44)
        #expect(matrix.dropFirst().allSatisfy { ["", "1", "2"].contains($0[column]) })
        // --mean writes every mean at full precision: the shortest text that reads back as the same double
        let means = try ConsensusCommandTests.csv(try cli.run(["export", "matrix", "--mean"]).stdout)
        let cells = means.dropFirst().flatMap { $0.dropFirst(means[0].firstIndex(of: "relations.lowest-since-9-11")!) }
            .filter { !$0.isEmpty }
        #expect(!cells.isEmpty)
        for cell in cells {
            let value = try #require(Double(cell), "\(cell)")
            #expect(cell == ConsensusValue.shortest(value), "\(cell) is not the shortest text of \(value)")
        }
        let quotes = try cli.run([
            "quotes", "--code", "relations.lowest-since-9-11", "--position", "oppose", "--format", "csv",
        ])
        let rows = try ConsensusCommandTests.csv(quotes.stdout)
        #expect(rows[0] == ["statement", "participant", "stance", "question", "text"])
        #expect(rows.count == 6)
        #expect(rows.dropFirst().allSatisfy { Int($0[2])! < 0 })
        #expect(Set(rows.dropFirst().map { $0[1] }).count == 5)
    }

    @Test func matrixMeansAreWrittenAtFullPrecision() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        #expect(try cli.run(["import", "participants", files.write("p.csv", "participant\na\nb\nc\n")]).status == 0)
        let statements = "id,participant,text\nS1,a,one\nS2,a,two\nS3,a,three\nS4,b,four\nS5,c,five\n"
        #expect(try cli.run(["import", "statements", files.write("s.csv", statements)]).status == 0)
        let codebook = "key,label,description,parent\nt,T,,\nt.a,A,,t\n"
        #expect(try cli.run(["import", "codebook", files.write("c.csv", codebook)]).status == 0)
        let codings = "statement,coder,code,stance\nS1,k,t.a,1\nS2,k,t.a,1\nS3,k,t.a,2\nS4,k,t.a,-1\nS5,k,,\n"
        #expect(try cli.run(["import", "codings", files.write("g.csv", codings)]).status == 0)
        let matrix = try ConsensusCommandTests.csv(try cli.run(["export", "matrix", "--mean"]).stdout)
        let column = try #require(matrix[0].firstIndex(of: "t.a"))
        #expect(matrix.dropFirst().map { $0[column] }.sorted() == ["", "-1", "1.3333333333333333"])  // pseudonym order
    }

    @Test func incompleteCodingWarnsAndRequireCompleteExitsSixtyFive() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        let participants = files.write("p.csv", "participant,status\na,x\nb,x\nc,y\n")
        #expect(try cli.run(["import", "participants", participants]).status == 0)
        #expect(
            try cli.run([
                "import", "statements", files.write("s.csv", "id,participant,text\nS1,a,one\nS2,b,two\nS3,c,three\n"),
            ])
            .status == 0)
        #expect(
            try cli.run(["import", "codebook", files.write("c.csv", "key,label,description,parent\nt,T,,\nt.a,A,,t\n")])
                .status == 0)
        #expect(
            try cli.run([
                "import", "codings", files.write("g.csv", "statement,coder,code,stance\nS1,k,t.a,1\nS2,k,t.a,-1\n"),
            ])
            .status == 0)
        let plain = try cli.run(["consensus", "--format", "csv"])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("coverage 2 of 3 statements reviewed"))
        #expect(try ConsensusCommandTests.csv(plain.stdout)[2][9] == "0.6666666666666666")
        let strict = try cli.run(["consensus", "--require-complete"])
        #expect(strict.status == 65, "\(strict)")
        #expect(strict.stderr.contains("--require-complete"))
        let off = try cli.run(["consensus", "--by", "status", "--min-cell", "0"])
        #expect(off.stdout.contains("small-cell suppression is off (--min-cell 0)"))
        #expect(off.stderr.contains("small-cell suppression is off"))
    }

    @Test(arguments: [
        (["consensus", "--code", "t.a", "--theme", "t"], Int32(64), "give --code or --theme, not both"),
        (["consensus", "--where", "status"], 64, "--where needs ATTRIBUTE=VALUE"),
        (["consensus", "--strong", "0.4"], 64, "--strong must be above 0.5"),
        (["consensus", "--code", "t.zzz"], 65, "--code t.zzz: no such code"),
        (["consensus", "--by", "sector"], 64, "no participant of study s has the attribute 'sector'"),
        (["quotes", "--code", "t"], 64, "t is a theme"),
    ])
    func badOptionsSayWhat(_ arguments: [String], _ status: Int32, _ message: String) throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        _ = try cli.run(["import", "participants", files.write("p.csv", "participant,status\na,x\n")])
        _ = try cli.run(["import", "codebook", files.write("c.csv", "key,label,description,parent\nt,T,,\nt.a,A,,t\n")])
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }
}
