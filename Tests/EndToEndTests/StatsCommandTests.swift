import Foundation
import Testing

/// A published figure and the `viewpoints stats` options that compute it.
struct PublishedStat: Sendable, CustomTestStringConvertible {
    let dataSet: String
    let arguments: [String]
    let metric: String
    let value: Double
    let decimals: Int

    var testDescription: String { "\(dataSet) \(arguments.joined(separator: " ")) \(metric) = \(value)" }
}

private let kripp2011 = "krippendorff2011_4coders_12units"
private let anxiety = "irr_anxiety_20x3"
private let fleiss1971 = "fleiss1971_diagnoses_30x6"

/// Figures from `published.json` of each data set, to their printed decimals.
private let publishedStats: [PublishedStat] = [
    PublishedStat(dataSet: kripp2011, arguments: ["--level", "nominal"], metric: "alpha", value: 0.743, decimals: 3),
    PublishedStat(dataSet: kripp2011, arguments: ["--level", "ordinal"], metric: "alpha", value: 0.815, decimals: 3),
    PublishedStat(dataSet: kripp2011, arguments: ["--level", "interval"], metric: "alpha", value: 0.849, decimals: 3),
    PublishedStat(dataSet: kripp2011, arguments: ["--level", "ratio"], metric: "alpha", value: 0.797, decimals: 3),
    PublishedStat(
        dataSet: "krippendorff2011_binary_2coders_10units", arguments: [], metric: "alpha", value: 0.095, decimals: 3),
    PublishedStat(
        dataSet: "wikipedia_krippendorff_3coders_15units", arguments: [], metric: "alpha", value: 0.691, decimals: 3),
    PublishedStat(
        dataSet: "wikipedia_krippendorff_3coders_15units", arguments: ["--level", "interval"], metric: "alpha",
        value: 0.811, decimals: 3),
    PublishedStat(dataSet: fleiss1971, arguments: [], metric: "fleiss", value: 0.4302445, decimals: 7),
    PublishedStat(
        dataSet: fleiss1971, arguments: ["--coders", "rater1,rater2,rater3"], metric: "fleiss", value: 0.534,
        decimals: 3),
    PublishedStat(
        dataSet: fleiss1971, arguments: ["--coders", "rater2,rater3"], metric: "cohen", value: 0.631, decimals: 3),
    PublishedStat(
        dataSet: anxiety, arguments: ["--coders", "rater2,rater3"], metric: "cohen", value: -0.006289308,
        decimals: 9),
    PublishedStat(
        dataSet: anxiety,
        arguments: [
            "--coders", "rater2,rater3", "--level", "interval", "--weights", "linear", "--positions", "observed",
        ],
        metric: "cohen", value: 0.1459075, decimals: 7),
    PublishedStat(
        dataSet: anxiety,
        arguments: [
            "--coders", "rater2,rater3", "--level", "interval", "--weights", "quadratic", "--positions",
            "observed",
        ],
        metric: "cohen", value: 0.2520325, decimals: 7),
    PublishedStat(
        dataSet: anxiety,
        arguments: [
            "--coders", "rater1,rater2", "--level", "interval", "--weights", "quadratic", "--positions",
            "observed",
        ],
        metric: "cohen", value: 0.297, decimals: 3),
    PublishedStat(
        dataSet: "sas_statsmodels_table10_3cat_19", arguments: [], metric: "cohen", value: 0.4842, decimals: 4),
    PublishedStat(
        dataSet: "sas_statsmodels_table10_3cat_19", arguments: ["--level", "ordinal", "--weights", "linear"],
        metric: "cohen", value: 0.4701, decimals: 4),
    PublishedStat(dataSet: "wikipedia_cohen_2x50", arguments: [], metric: "cohen", value: 0.40, decimals: 2),
    PublishedStat(dataSet: "wikipedia_cohen_2x50", arguments: [], metric: "percent", value: 0.70, decimals: 2),
    PublishedStat(dataSet: "wikipedia_fleiss_10x14", arguments: [], metric: "fleiss", value: 0.210, decimals: 3),
    PublishedStat(dataSet: "wikipedia_fleiss_10x14", arguments: [], metric: "percent", value: 0.378, decimals: 3),
    PublishedStat(dataSet: "wikipedia_scott_pi_2x45", arguments: [], metric: "percent", value: 0.333, decimals: 3),
]

@Suite struct StatsCommandTests {
    /// `<repo>/Tests/Fixtures/reliability`; a missing folder fails the test.
    static func referenceFolder(filePath: String = #filePath) throws -> URL {
        let tests = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // EndToEndTests
            .deletingLastPathComponent()  // Tests
        let folder = tests.appendingPathComponent("Fixtures/reliability", isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            Issue.record("reference data not found at \(folder.path): it is part of the repository")
            throw CancellationError()
        }
        return folder
    }

    static func dataFile(_ dataSet: String) throws -> String {
        try referenceFolder().appendingPathComponent("\(dataSet)/data.csv").path
    }

    /// Runs `viewpoints stats FILE ARGS --format json` and returns the objects it printed.
    static func json(_ file: String, _ arguments: [String]) throws -> [[String: Any]] {
        let output = try ViewpointsBinary().run(["stats", file] + arguments + ["--format", "json"])
        #expect(output.status == 0, "\(output)")
        let parsed = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(parsed as? [[String: Any]], "\(output)")
    }

    /// Writes a temporary CSV file and returns its path.
    static func temporaryCSV(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stats-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test(arguments: publishedStats)
    func matchesPublishedFigure(_ stat: PublishedStat) throws {
        let objects = try Self.json(Self.dataFile(stat.dataSet), ["--metric", stat.metric] + stat.arguments)
        let object = try #require(objects.first)
        #expect(objects.count == 1 && object["metric"] as? String == stat.metric)
        let value = try #require(object["value"] as? Double, "no value: \(object)")
        let scale = pow(10, Double(stat.decimals))
        #expect((value * scale).rounded() == (stat.value * scale).rounded(), "got \(value)")
        #expect(object["defined"] as? Bool == true && object["applicable"] as? Bool == true)
        #expect(object["reason"] is NSNull)
    }

    @Test func jsonHasEveryKeyAndTheInterval() throws {
        let objects = try Self.json(
            Self.dataFile(kripp2011), ["--metric", "all", "--level", "interval", "--bootstrap", "200", "--seed", "7"])
        #expect(objects.map { $0["metric"] as? String } == ["alpha", "cohen", "fleiss", "scott", "percent"])
        let keys: Set = [
            "metric", "level", "weights", "value", "defined", "applicable", "reason", "units", "coders",
            "pairable_values", "ci_low", "ci_high", "resamples", "resamples_defined",
        ]
        for object in objects { #expect(Set(object.keys) == keys) }
        let alpha = objects[0]
        #expect(alpha["units"] as? Int == 11 && alpha["coders"] as? Int == 4 && alpha["pairable_values"] as? Int == 40)
        let defined = try #require(alpha["resamples_defined"] as? Int)
        #expect(alpha["resamples"] as? Int == 200 && defined > 190 && defined <= 200)
        let low = try #require(alpha["ci_low"] as? Double)
        let high = try #require(alpha["ci_high"] as? Double)
        #expect(low < 0.849 && 0.849 < high)
        let again = try Self.json(
            Self.dataFile(kripp2011), ["--metric", "alpha", "--level", "interval", "--bootstrap", "200", "--seed", "7"])
        #expect(again.first?["ci_low"] as? Double == low && again.first?["ci_high"] as? Double == high)
        let cohen = objects[1]
        #expect(cohen["value"] is NSNull && cohen["applicable"] as? Bool == false && cohen["ci_low"] is NSNull)
        #expect(cohen["resamples"] is NSNull && cohen["resamples_defined"] is NSNull)
        #expect((cohen["reason"] as? String)?.contains("exactly two coders") == true)
    }

    @Test func undefinedAndNotApplicableExitZeroWithReason() throws {
        let file = try Self.temporaryCSV("unit,coder,value\nu1,A,x\nu1,B,x\nu2,A,x\nu2,B,x\nu3,A,x\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let objects = try Self.json(file, ["--metric", "alpha"])
        #expect(objects.first?["defined"] as? Bool == false && objects.first?["applicable"] as? Bool == true)
        #expect(objects.first?["value"] is NSNull)
        #expect((objects.first?["reason"] as? String)?.contains("expected disagreement is 0") == true)
        let table = try ViewpointsBinary().run(["stats", file, "--metric", "fleiss"])
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("n/a") && table.stdout.contains("same number of values for every unit"))
    }

    @Test func csvHasTheJSONColumns() throws {
        let output = try ViewpointsBinary().run([
            "stats", try Self.dataFile("wikipedia_cohen_2x50"), "--metric", "cohen", "--format", "csv",
        ])
        #expect(output.status == 0, "\(output)")
        #expect(
            output.stdout == "metric,level,weights,value,defined,applicable,reason,units,coders,pairable_values\n"
                + "cohen,nominal,none,0.4,true,true,,50,2,100\n")
    }

    @Test func badDataExits65WithPlace() throws {
        let file = try Self.temporaryCSV("unit,coder,value\nu1,A,1\nu1,B,2\nu1,A,3\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ViewpointsBinary().run(["stats", file])
        #expect(output.status == 65, "\(output)")
        #expect(output.stdout.isEmpty)
        #expect(
            output.stderr.hasPrefix(
                "viewpoints: error: \(file):4:6: coder 'A' already gave unit 'u1' a value (line 2)"))

        let numbers = try Self.temporaryCSV("value,unit,coder\n1,u1,A\nlow,u1,B\n")
        defer { try? FileManager.default.removeItem(atPath: numbers) }
        let level = try ViewpointsBinary().run(["stats", numbers, "--level", "interval"])
        #expect(
            level.status == 65
                && level.stderr.hasPrefix("viewpoints: error: \(numbers):3:1: value 'low' is not a decimal number"))

        let header = try ViewpointsBinary().run(["stats", try Self.dataFile(kripp2011) + "x"])
        #expect(header.status == 66, "\(header)")
    }

    @Test func missingFileExits66() throws {
        let output = try ViewpointsBinary().run(["stats", "/nonexistent/codings.csv"])
        #expect(output.status == 66, "\(output)")
        #expect(output.stderr.hasPrefix("viewpoints: error: /nonexistent/codings.csv: cannot open file"))
    }

    @Test(arguments: [
        ["--weights", "linear"], ["--seed", "3"], ["--bootstrap", "100"],
        [
            "--metric", "fleiss", "--bootstrap", "9",
            "--seed", "1",
        ], ["--positions", "observed"], ["--coders", "A"], ["--coders", "A,A"], ["--metric", "kappa"],
    ])
    func badOptionsExit64(_ arguments: [String]) throws {
        let output = try ViewpointsBinary().run(["stats", try Self.dataFile(kripp2011)] + arguments)
        #expect(output.status == 64, "\(output)")
        #expect(output.stdout.isEmpty && output.stderr.hasPrefix("viewpoints: error: "), "\(output)")
    }

    /// Every line on stderr starts `viewpoints: error:` or `viewpoints: warning:`.
    static func expectPrefixed(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in stderr.split(separator: "\n") {
            #expect(
                line.hasPrefix("viewpoints: error: ") || line.hasPrefix("viewpoints: warning: "), "\(line)",
                sourceLocation: sourceLocation)
        }
    }

    /// An unquoted decimal comma makes a fourth field; today's reader would read `1` and drop `5` unseen.
    @Test(arguments: [[], ["--level", "interval"], ["--input", "wide"]])
    func rowWithMoreFieldsThanTheHeaderExits65(_ arguments: [String]) throws {
        let wide = arguments == ["--input", "wide"]
        let file = try Self.temporaryCSV(wide ? "unit,a,b\nu1,1,5,2\n" : "unit,coder,value\nu1,a,1,5\nu1,b,2\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ViewpointsBinary().run(["stats", file] + arguments)
        #expect(output.status == 65 && output.stdout.isEmpty, "\(output)")
        #expect(
            output.stderr.hasPrefix(
                "viewpoints: error: \(file):2:8: the row has 4 fields but the header has 3; quote a "
                    + "field that contains a comma (\"1,5\") and write decimals with a point (1.5)"),
            "\(output)")
        Self.expectPrefixed(output.stderr)
    }

    @Test(arguments: ["0x10", "inf", "-Inf", "+INFINITY", "nan", "-NaN", "1e999", "1,5"])
    func nonDecimalValuesAreRefusedAtNumericLevels(_ value: String) throws {
        let file = try Self.temporaryCSV("unit,coder,value\nu1,A,1\nu1,B,\"\(value)\"\nu2,A,2\nu2,B,2\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        for level in ["ordinal", "interval", "ratio"] {
            let output = try ViewpointsBinary().run(["stats", file, "--level", level])
            #expect(output.status == 65, "\(output)")
            #expect(
                output.stderr.hasPrefix("viewpoints: error: \(file):3:6: value '\(value)' is not a decimal number"),
                "\(output)")
        }
        let nominal = try ViewpointsBinary().run(["stats", file, "--metric", "percent"])
        #expect(nominal.status == 0 && nominal.stderr.isEmpty, "\(nominal)")
    }

    @Test(arguments: [("long", "unit,coder,value\n"), ("wide", "unit,A,B\n"), ("wide", "unit,A,B\nu1,,\n")])
    func fileWithoutRatingsExits65(_ layout: String, _ text: String) throws {
        let file = try Self.temporaryCSV(text)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ViewpointsBinary().run(["stats", file, "--input", layout])
        #expect(output.status == 65 && output.stdout.isEmpty, "\(output)")
        #expect(output.stderr.hasPrefix("viewpoints: error: \(file):1:1: no ratings: "), "\(output)")
        Self.expectPrefixed(output.stderr)
    }

    /// The published data sets, each turned into a units × coders matrix (coders in order of first appearance,
    /// a missing value as an empty cell), print exactly what their long form prints, at every level and format.
    @Test func wideAndLongFormsOfTheReferenceDataPrintTheSameFigures() throws {
        let folder = try Self.referenceFolder()
        let dataSets = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/data.csv").path) }
            .sorted()
        #expect(dataSets.count >= 10)
        for dataSet in dataSets {
            let long = try Self.dataFile(dataSet)
            let wide = try Self.temporaryCSV(try Self.wideForm(ofLong: long))
            defer { try? FileManager.default.removeItem(atPath: wide) }
            let interval = try ViewpointsBinary().run(["stats", long, "--level", "interval", "--format", "csv"])
            let levels = interval.status == 0 ? ["nominal", "ordinal", "interval", "ratio"] : ["nominal"]
            for level in levels {
                for format in ["json", "csv", "table"] {
                    let arguments = ["--metric", "all", "--level", level, "--format", format]
                    let fromLong = try ViewpointsBinary().run(["stats", long] + arguments)
                    let fromWide = try ViewpointsBinary().run(["stats", wide, "--input", "wide"] + arguments)
                    #expect(fromLong.status == 0 && fromLong.stdout.contains("alpha"), "\(dataSet) \(fromLong)")
                    #expect(fromWide.stdout == fromLong.stdout, "\(dataSet) \(level) \(format)")
                    #expect(fromWide.status == 0 && fromWide.stderr.isEmpty, "\(dataSet) \(fromWide)")
                }
            }
        }
    }

    /// A long file `unit,coder,value` (no quoted fields, as the reference files are) as a wide file.
    static func wideForm(ofLong path: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var units: [String] = []
        var coders: [String] = []
        var cells: [String: String] = [:]
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 3, "\(path): \(line)")
            if !units.contains(fields[0]) { units.append(fields[0]) }
            if !coders.contains(fields[1]) { coders.append(fields[1]) }
            cells[fields[0] + "\u{0}" + fields[1]] = fields[2]
        }
        let rows = units.map { unit in ([unit] + coders.map { cells[unit + "\u{0}" + $0] ?? "" }) }
        return (["unit"] + coders).joined(separator: ",") + "\n"
            + rows.map { $0.joined(separator: ",") + "\n" }.joined()
    }

    @Test(arguments: ["nominal", "ordinal", "interval", "ratio"])
    func theSampleRatingsPrintTheSameInBothLayouts(_ level: String) throws {
        let arguments = ["--metric", "all", "--level", level, "--bootstrap", "300", "--seed", "5", "--format", "json"]
        let long = try ViewpointsBinary().run(
            ["stats", Repository.path("Samples/ratings/krippendorff-2011.csv")] + arguments)
        let wide = try ViewpointsBinary().run(
            ["stats", Repository.path("Samples/ratings/krippendorff-2011-wide.csv"), "--input", "wide"] + arguments)
        #expect(long.status == 0 && long.stdout.contains("\"alpha\""), "\(long)")
        #expect(wide.stdout == long.stdout && wide.stderr == long.stderr && wide.status == 0, "\(wide)")
    }

    @Test func bootstrapSaysInHowManyResamplesAlphaWasDefinedAndWarnsUnder95Percent() throws {
        // Three units, one disagreeing: resamples of the agreeing units alone (2/27 of them) have no α.
        let file = try Self.temporaryCSV("unit,A,B\nu1,1,1\nu2,1,2\nu3,2,2\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let arguments = ["stats", file, "--input", "wide", "--metric", "alpha", "--bootstrap", "1000", "--seed", "1"]
        let json = try ViewpointsBinary().run(arguments + ["--format", "json"])
        #expect(json.status == 0, "\(json)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let defined = try #require(objects.first?["resamples_defined"] as? Int)
        #expect(objects.first?["resamples"] as? Int == 1000 && defined < 950 && defined > 850)
        #expect(
            json.stderr == "viewpoints: warning: α (nominal) was defined in only \(defined) of 1000 bootstrap "
                + "resamples (\(String(format: "%.1f", Double(defined) / 10))%, under 95%): resamples whose values are "
                + "all alike have no α, and the interval rests on those \(defined) alone, so it may be too narrow; "
                + "report the count with the interval, or code more units\n")
        let table = try ViewpointsBinary().run(arguments)
        #expect(
            table.status == 0 && table.stdout.contains("α defined in") && table.stdout.contains("\(defined) of 1000"))
        #expect(table.stderr == json.stderr)
        let csv = try ViewpointsBinary().run(arguments + ["--format", "csv"])
        #expect(csv.stdout.hasSuffix(",1000,\(defined)\n") && csv.stderr == json.stderr, "\(csv)")

        let enough = try ViewpointsBinary().run([
            "stats", try Self.dataFile(kripp2011), "--metric", "alpha", "--bootstrap", "500", "--seed", "3",
        ])
        #expect(enough.status == 0 && enough.stderr.isEmpty && enough.stdout.contains(" of 500"), "\(enough)")
    }

    @Test func wideFileErrorsNameLineAndColumn() throws {
        let file = try Self.temporaryCSV("unit,A,B,A\nu1,1,2,3\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ViewpointsBinary().run(["stats", file, "--input", "wide"])
        #expect(output.status == 65, "\(output)")
        #expect(
            output.stderr
                == "viewpoints: error: \(file):1:10: the header names column 'A' twice; rename or remove one of them\n")
        let units = try Self.temporaryCSV("unit,A,B\nu1,1,2\nu1,2,2\n")
        defer { try? FileManager.default.removeItem(atPath: units) }
        let again = try ViewpointsBinary().run(["stats", units, "--input", "wide"])
        #expect(again.status == 65 && again.stderr.hasPrefix("viewpoints: error: \(units):3:1: unit 'u1' already has"))
    }
}
