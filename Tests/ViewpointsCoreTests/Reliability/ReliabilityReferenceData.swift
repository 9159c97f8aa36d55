import Foundation
import ViewpointsCore

/// One published reliability data set of `Tests/Fixtures/reliability` (sources in its README), read at test time.
struct ReliabilityReferenceSet: Sendable {
    /// Folder name, e.g. `krippendorff2011_4coders_12units`.
    let id: String
    /// The `data.csv` rows.
    let triples: [Triple]
    /// Every published figure, including those of coder subsets.
    let figures: [PublishedFigure]

    /// One `unit,coder,value` row.
    struct Triple: Sendable {
        let unit: String
        let coder: String
        let value: String
    }

    /// A value the source prints, with its decimals.
    struct PublishedFigure: Sendable, CustomStringConvertible {
        /// Coders of the subset the figure is for; nil for all coders.
        let subset: [String]?
        /// Key in `published.json`, e.g. `alpha_nominal`.
        let statistic: String
        /// Category, for per-category figures.
        let category: String?
        let value: Double
        let decimals: Int

        var description: String {
            "\(statistic)\(category.map { "[\($0)]" } ?? "") = \(value) (\(decimals) decimals)"
                + (subset.map { " for coders \($0.joined(separator: ","))" } ?? "")
        }
    }

    /// Why the reference data could not be read.
    enum LoadError: Error, CustomStringConvertible {
        case folderMissing(String)
        case malformed(String)

        var description: String {
            switch self {
            case .folderMissing(let path):
                return "reference data folder not found at \(path): it is part of the repository "
                    + "(Tests/Fixtures/reliability); restore it with git checkout"
            case .malformed(let message):
                return "malformed reference data: \(message)"
            }
        }
    }

    /// `<repo>/Tests/Fixtures/reliability`, found from this file's path
    /// (`<repo>/Tests/ViewpointsCoreTests/Reliability/ReliabilityReferenceData.swift`).
    static func folder(filePath: String = #filePath) throws -> URL {
        let tests = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // Reliability
            .deletingLastPathComponent()  // ViewpointsCoreTests
            .deletingLastPathComponent()  // Tests
        let folder =
            tests
            .appendingPathComponent("Fixtures/reliability", isDirectory: true)
            .standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw LoadError.folderMissing(folder.path) }
        return folder
    }

    /// Names of all data sets in the folder.
    static func allIDs() throws -> [String] {
        let folder = try folder()
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/data.csv").path) }
            .sorted()
    }

    /// Reads `data.csv` and `published.json` of one data set.
    static func load(_ id: String) throws -> ReliabilityReferenceSet {
        let directory = try folder().appendingPathComponent(id, isDirectory: true)
        let csv = try String(contentsOf: directory.appendingPathComponent("data.csv"), encoding: .utf8)
        let json = try Data(contentsOf: directory.appendingPathComponent("published.json"))
        let triples = try parseCSV(csv, id: id)
        return ReliabilityReferenceSet(id: id, triples: triples, figures: try parseFigures(json, id: id))
    }

    /// The data of all coders or of a subset, for the given level.
    func data(coders subset: [String]? = nil, level: MeasurementLevel = .nominal) throws -> ReliabilityData {
        let rows = triples.filter { subset?.contains($0.coder) ?? true }
        return try ReliabilityData(rows.map { (unit: $0.unit, coder: $0.coder, value: $0.value) }, level: level)
    }

    /// The published figure for a statistic (and subset, and decimals when several are printed).
    func figures(_ statistic: String, subset: [String]? = nil) -> [PublishedFigure] {
        figures.filter { $0.statistic == statistic && $0.subset == subset }
    }

    /// A plain comma split: the reference files have a header and no quoted fields.
    private static func parseCSV(_ text: String, id: String) throws -> [Triple] {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == "unit,coder,value" else { throw LoadError.malformed("\(id)/data.csv header") }
        lines.removeFirst()
        return try lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw LoadError.malformed("\(id)/data.csv line '\(line)'") }
            return Triple(unit: fields[0], coder: fields[1], value: fields[2])
        }
    }

    private static func parseFigures(_ json: Data, id: String) throws -> [PublishedFigure] {
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any],
            let published = root["published"] as? [String: Any]
        else { throw LoadError.malformed("\(id)/published.json has no 'published' object") }
        var figures = try flatten(published, subset: nil, id: id)
        for subset in root["subsets"] as? [[String: Any]] ?? [] {
            guard let coders = subset["coders"] as? [String], let values = subset["published"] as? [String: Any]
            else { throw LoadError.malformed("\(id)/published.json subset") }
            figures += try flatten(values, subset: coders, id: id)
        }
        return figures
    }

    private static func flatten(_ published: [String: Any], subset: [String]?, id: String) throws -> [PublishedFigure] {
        var figures: [PublishedFigure] = []
        for (statistic, entry) in published {
            let entries = entry as? [[String: Any]] ?? [entry as? [String: Any] ?? [:]]
            for item in entries {
                guard let decimals = item["decimals"] as? Int else {
                    throw LoadError.malformed("\(id): \(statistic) has no decimals")
                }
                if let value = (item["value"] as? NSNumber)?.doubleValue {
                    figures.append(
                        PublishedFigure(
                            subset: subset, statistic: statistic, category: nil, value: value, decimals: decimals
                        ))
                } else if let values = item["value"] as? [String: Any] {
                    for (category, number) in values {
                        guard let value = (number as? NSNumber)?.doubleValue else {
                            throw LoadError.malformed("\(id): \(statistic)[\(category)]")
                        }
                        figures.append(
                            PublishedFigure(
                                subset: subset, statistic: statistic, category: category, value: value,
                                decimals: decimals
                            ))
                    }
                } else {
                    throw LoadError.malformed("\(id): \(statistic) has no value")
                }
            }
        }
        return figures
    }
}

extension Double {
    /// True when this value rounds (half away from zero) to `published` at `decimals` decimals.
    func rounds(to published: Double, decimals: Int) -> Bool {
        let scale = pow(10, Double(decimals))
        return (self * scale).rounded(.toNearestOrAwayFromZero) == (published * scale).rounded()
    }
}
