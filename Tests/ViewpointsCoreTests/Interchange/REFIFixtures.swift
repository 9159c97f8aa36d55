import Foundation
import Testing

@testable import ViewpointsCore

/// The REFI-QDA fixtures of `Tests/Fixtures/refi` (see its README for what each is and where the schemas come from),
/// and `xmllint` to validate against the schemas.
enum REFIFixtures {
    static let root: String = {
        var path = "\(#filePath)"
        for _ in 0..<4 {
            if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        return path
    }()

    static var folder: String { root + "/Tests/Fixtures/refi" }

    static func path(_ name: String) -> String { folder + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// `xmllint`, when installed (Scripts/lib.sh installs it; libxml2-utils).
    static var xmllint: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Validates `xml` against the schema `xsd` (`Codebook.xsd` or `Project.xsd`); nil when valid, else xmllint's
    /// complaint.
    static func schemaErrors(_ xml: String, against xsd: String) throws -> String? {
        let folder = NSTemporaryDirectory() + "viewpoints-xsd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/document.xml"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint ?? "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", path(xsd), file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : output
    }
}
