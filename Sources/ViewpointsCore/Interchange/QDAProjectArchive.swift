import Foundation
import ZIPFoundation

/// A `.qdpx` project read in memory: its `project.qde` (or `Project.qde`) and, on demand, its `Sources/…` entries.
/// The limits are the Word reader's: a ZIP bomb, a truncated archive or an archive of countless entries is refused,
/// never expanded; what is inflated is counted as it arrives, whatever the archive claims.
public struct QDAProjectArchive {
    /// The largest entry inflated, in bytes.
    public static let largestEntry = DocxReader.largestDocument
    static let mostEntries = DocxReader.mostEntries

    public let file: String
    /// The bytes of the project document.
    public let project: [UInt8]
    let archive: Archive
    let entries: [String: Entry]
    let largest: Int

    /// Whether `bytes` are a ZIP archive (a `.qdpx`) rather than a bare `.qde`.
    public static func isArchive(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// Opens the archive and inflates its project document; refuses (at `file`:1:1) what cannot be read safely.
    public init(_ bytes: [UInt8], file: String, largest: Int = Self.largestEntry) throws(ImportFailure) {
        var problems = ProblemList(file: file)
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read) else {
            problems.add(line: 1, column: 1, "not a readable .qdpx: the ZIP archive is damaged or truncated")
            try problems.throwIfAny()
            throw ImportFailure(problems: [])
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            entries[entry.path] = entry
            if entries.count > Self.mostEntries {
                problems.add(line: 1, column: 1, "the .qdpx holds over \(Self.mostEntries) entries; refused")
                try problems.throwIfAny()
            }
        }
        guard let name = ["project.qde", "Project.qde"].first(where: { entries[$0] != nil }), let entry = entries[name]
        else {
            problems.add(line: 1, column: 1, "not a REFI-QDA project: the .qdpx has no project.qde")
            try problems.throwIfAny()
            throw ImportFailure(problems: [])
        }
        (self.file, self.archive, self.entries, self.largest) = (file, archive, entries, largest)
        self.project = try Self.extract(name, entry, from: archive, largest: largest, file: file)
    }

    /// The bytes of `Sources/NAME` (or of NAME, as a path inside the archive), nil when the archive lacks it.
    public func source(_ name: String) throws(ImportFailure) -> [UInt8]? {
        let path = name.hasPrefix("Sources/") ? name : "Sources/" + name
        // some programs name the folder `sources/`
        let lower = "sources/" + path.dropFirst("Sources/".count)
        guard let entry = entries[path] ?? entries[name] ?? entries[lower] else { return nil }
        return try Self.extract(path, entry, from: archive, largest: largest, file: file)
    }

    /// Reads the project through `QDAProjectReader`; a source that cannot be inflated safely refuses the whole file.
    public func read(strict: Bool = false) throws(ImportFailure) -> QDAProjectImport {
        var refused: ImportFailure?
        let read = try QDAProjectReader.read(project, file: file, strict: strict) { name in
            do throws(ImportFailure) {
                return try source(name)
            } catch {
                refused = refused ?? error
                return nil
            }
        }
        if let refused { throw refused }
        return read
    }

    /// The entry's bytes, inflated with a limit on what comes out.
    static func extract(
        _ name: String, _ entry: Entry, from archive: Archive, largest: Int, file: String
    ) throws(ImportFailure) -> [UInt8] {
        var problems = ProblemList(file: file)
        let tooLarge =
            "\(name) inflates to over \(largest >> 20 > 0 ? "\(largest >> 20) MB" : "\(largest) bytes") "
            + "(compressed: \(entry.compressedSize) bytes); refused (a ZIP bomb?)"
        var data = Data()
        struct Overflow: Error {}
        do {
            guard entry.uncompressedSize <= UInt64(largest) else { throw Overflow() }
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= largest else { throw Overflow() }
                data.append(chunk)
            }
        } catch is Overflow {
            problems.add(line: 1, column: 1, tooLarge)
        } catch {
            problems.add(line: 1, column: 1, "\(name) cannot be inflated: the .qdpx is damaged (\(error))")
        }
        try problems.throwIfAny()
        return [UInt8](data)
    }
}
