import Foundation
import ViewpointsTestSupport

/// Programs the browser tests drive (chromium, pdftotext, pdfinfo, python3), found on PATH and run through
/// `timeout` so that a hung browser fails the test instead of the run.
enum ExternalTool {
    struct Output: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String {
            "status \(status)\n--- stdout\n\(stdout.prefix(2000))--- stderr\n\(stderr.suffix(2000))"
        }
    }

    /// The first of `names` on PATH.
    static func find(_ names: String...) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static var chromium: String? { find("chromium", "chromium-browser") }
    static var pdftotext: String? { find("pdftotext") }
    static var pdfinfo: String? { find("pdfinfo") }
    static var available: Bool { chromium != nil && pdftotext != nil && pdfinfo != nil }

    /// Runs `program` with `arguments`, killed after `seconds`; output through files in `folder`.
    static func run(_ program: String, _ arguments: [String], in folder: String, seconds: Int = 120) throws -> Output {
        let name = UUID().uuidString
        let out = "\(folder)/\(name).out"
        let err = "\(folder)/\(name).err"
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder
        let spawn = try Spawn.start(
            "/usr/bin/timeout", ["\(seconds)", program] + arguments, environment: environment, stdin: "/dev/null",
            stdout: out, stderr: err)
        let (status, _) = spawn.wait()
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        return Output(
            status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
