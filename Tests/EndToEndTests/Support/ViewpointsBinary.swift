import Foundation
import ViewpointsTestSupport

/// The built `viewpoints` executable, run as a user would run it.
///
/// It is found in the products folder of the build that built the tests (`.build*/debug`), or at
/// `$VIEWPOINTS_BINARY` when that is set.
struct ViewpointsBinary: Sendable {
    /// What one run printed and how it ended.
    struct Output: Sendable, CustomStringConvertible {
        var stdout: String
        var stderr: String
        /// The exit status, or the signal number when `terminatedBySignal`.
        var status: Int32
        var terminatedBySignal: Bool

        var description: String {
            "status \(status)\(terminatedBySignal ? " (signal)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        }
    }

    /// Why the binary could not be found or started.
    enum Failure: Error, CustomStringConvertible {
        case notFound([String])

        var description: String {
            switch self {
            case .notFound(let places):
                return "viewpoints binary not found at \(places.joined(separator: " or ")); build it with "
                    + "`swift build` (swift test does), or set VIEWPOINTS_BINARY to its path"
            }
        }
    }

    /// The executable.
    let url: URL

    /// Uses the executable at `url`.
    init(url: URL) {
        self.url = url
    }

    /// Finds the executable next to the test bundle, or at `$VIEWPOINTS_BINARY`.
    init() throws {
        if let path = ProcessInfo.processInfo.environment["VIEWPOINTS_BINARY"], !path.isEmpty {
            url = URL(fileURLWithPath: path)
            return
        }
        var places: [URL] = []
        // macOS runs tests from `<products>/X.xctest`; Linux runs `<products>/X.xctest` as Bundle.main.
        if let bundle = Bundle.allBundles.first(where: { $0.bundleURL.pathExtension == "xctest" }) {
            places.append(bundle.bundleURL.deletingLastPathComponent())
        }
        places.append(Bundle.main.bundleURL)
        places.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let candidates = places.map { $0.appendingPathComponent("viewpoints").standardizedFileURL }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Failure.notFound(candidates.map(\.path))
        }
        url = found
    }

    /// Runs the binary with `arguments`; `environment` entries are added to (or, with nil, removed from) the
    /// test's own environment. Standard input is empty unless `input` is given.
    func run(
        _ arguments: [String], environment: [String: String?] = [:], input: String? = nil,
        currentDirectory: URL? = nil
    ) throws -> Output {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("viewpoints-run-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Files, not pipes: a child that fills one pipe while the other is read cannot block.
        let stdoutURL = folder.appendingPathComponent("stdout")
        let stderrURL = folder.appendingPathComponent("stderr")
        let stdinURL = folder.appendingPathComponent("stdin")
        for file in [stdoutURL, stderrURL] { FileManager.default.createFile(atPath: file.path, contents: nil) }
        FileManager.default.createFile(atPath: stdinURL.path, contents: Data((input ?? "").utf8))

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let child = try Spawn.start(
            url.path, arguments, environment: merged, stdin: stdinURL.path, stdout: stdoutURL.path,
            stderr: stderrURL.path, currentDirectory: currentDirectory?.path)
        let ended = child.wait()
        return Output(
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
            status: ended.status, terminatedBySignal: ended.signaled
        )
    }
}
