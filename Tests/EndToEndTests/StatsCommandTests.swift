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
            "pairable_values", "ci_low", "ci_high",
        ]
        for object in objects { #expect(Set(object.keys) == keys) }
        let alpha = objects[0]
        #expect(alpha["units"] as? Int == 11 && alpha["coders"] as? Int == 4 && alpha["pairable_values"] as? Int == 40)
        let low = try #require(alpha["ci_low"] as? Double)
        let high = try #require(alpha["ci_high"] as? Double)
        #expect(low < 0.849 && 0.849 < high)
        let again = try Self.json(
            Self.dataFile(kripp2011), ["--metric", "alpha", "--level", "interval", "--bootstrap", "200", "--seed", "7"])
        #expect(again.first?["ci_low"] as? Double == low && again.first?["ci_high"] as? Double == high)
        let cohen = objects[1]
        #expect(cohen["value"] is NSNull && cohen["applicable"] as? Bool == false && cohen["ci_low"] is NSNull)
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
        #expect(output.stderr.hasPrefix("\(file):4:6: coder 'A' already gave unit 'u1' a value (line 2)"))

        let numbers = try Self.temporaryCSV("value,unit,coder\n1,u1,A\nlow,u1,B\n")
        defer { try? FileManager.default.removeItem(atPath: numbers) }
        let level = try ViewpointsBinary().run(["stats", numbers, "--level", "interval"])
        #expect(level.status == 65 && level.stderr.hasPrefix("\(numbers):3:1: value 'low' is not a number"))

        let header = try ViewpointsBinary().run(["stats", try Self.dataFile(kripp2011) + "x"])
        #expect(header.status == 66, "\(header)")
    }

    @Test func missingFileExits66() throws {
        let output = try ViewpointsBinary().run(["stats", "/nonexistent/codings.csv"])
        #expect(output.status == 66, "\(output)")
        #expect(output.stderr.hasPrefix("/nonexistent/codings.csv: cannot open file"))
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
}
