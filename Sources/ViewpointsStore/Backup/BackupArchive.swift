import Foundation
import ViewpointsCore
import ZIPFoundation

/// A backup archive in memory: a zip of `manifest.json`, one CSV per table and, optionally, the sealed key.
///
/// ZIPFoundation writes and reads it (zip because any platform can list and open one; each CSV is what
/// `COPY … TO STDOUT (FORMAT csv, HEADER)` wrote, so psql users can read the tables too).
public struct BackupArchive: Sendable {
    public static let manifestName = "manifest.json"
    public static let keyName = "study.key.enc"

    public var manifest: BackupManifest
    /// File name → bytes.
    public var files: [String: [UInt8]]

    public init(manifest: BackupManifest, files: [String: [UInt8]]) {
        self.manifest = manifest
        self.files = files
    }

    /// Writes the archive to `path` through a temporary file renamed into place, so a failure leaves no half archive.
    /// The file gets permissions `mode` (owner-only by default); until then it sits in a folder only the owner can
    /// enter, so no one else can open it while it is written.
    public func write(path: String, mode: UInt32 = 0o600) throws(StoreError) {
        try ZipFileWriter.write(path: path, mode: mode, what: "the backup", entryPermissions: 0o600) { add in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try add(BackupArchive.manifestName, Data(try encoder.encode(manifest)))
            for name in files.keys.sorted() { try add(name, Data(files[name]!)) }
        }
    }

    /// The most a manifest may take: ample for the ten tables' entries and a sealed key.
    static let manifestLimit = 1 << 20

    /// Reads an archive; refuses (exit 65) a file that is not a complete zip or has no readable manifest. Reads the
    /// manifest first, then only the entries it lists, each stopped at the size the manifest declares for it (an
    /// unlisted entry, however large, is never inflated). Checksums and the rest are checked by `validate`.
    public static func read(path: String) throws(StoreError) -> BackupArchive {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no backup file \(path)")
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw StoreError(
                .data, "\(path) is not a Viewpoints backup: not a complete zip archive (truncated or damaged)",
                reason: .archiveIncomplete)
        }
        guard let manifestEntry = archive[manifestName], manifestEntry.type == .file else {
            throw StoreError(.data, "\(path) is not a Viewpoints backup: it has no \(manifestName)")
        }
        let manifestBytes = try extract(archive, manifestEntry, limit: manifestLimit, path: path)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: Data(manifestBytes))
        } catch {
            throw StoreError(.data, "\(path): \(manifestName) is not a Viewpoints backup manifest (\(error))")
        }
        try checkFormat(manifest, path: path)
        var listed: [(name: String, bytes: Int?)] = manifest.files.map { ($0.name, $0.bytes) }
        if let key = manifest.key { listed.append((key.file, key.bytes)) }
        var files: [String: [UInt8]] = [:]
        for (name, declared) in listed where files[name] == nil {
            guard let entry = archive[name], entry.type == .file else { continue }  // `validate` names it missing
            guard let declared, declared >= 0 else {
                throw StoreError(.data, "\(path): the manifest declares no size for \(name)")
            }
            files[name] = try extract(archive, entry, limit: declared, path: path)
        }
        return BackupArchive(manifest: manifest, files: files)
    }

    /// An entry's bytes, refused as soon as they pass `limit`.
    static func extract(_ archive: Archive, _ entry: Entry, limit: Int, path: String) throws(StoreError) -> [UInt8] {
        struct TooLarge: Error {}
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw StoreError(
                .data,
                "\(path): \(entry.path) holds \(entry.uncompressedSize) bytes, more than the \(limit) the manifest allows"
            )
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= limit else { throw TooLarge() }
                bytes.append(contentsOf: chunk)
            }
        } catch is TooLarge {
            throw StoreError(
                .data, "\(path): \(entry.path) inflates to more than the \(limit) bytes the manifest allows")
        } catch {
            throw StoreError(
                .data, "\(path): \(entry.path) cannot be read (\(error)): the archive is damaged or truncated")
        }
        return bytes
    }

    static func checkFormat(_ manifest: BackupManifest, path: String) throws(StoreError) {
        guard manifest.format == BackupManifest.formatName,
            manifest.formatVersion == BackupManifest.currentFormatVersion
        else {
            throw StoreError(
                .data,
                "\(path): format \(manifest.format) version \(manifest.formatVersion) is not one this build reads "
                    + "(\(BackupManifest.formatName) version \(BackupManifest.currentFormatVersion))",
                hint: manifest.formatVersion < BackupManifest.currentFormatVersion
                    ? "restore it with the viewpoints that wrote it (\(manifest.toolVersion)), then back it up again"
                    : "use a newer viewpoints build")
        }
    }

    /// Refuses (exit 65) another format, another schema version, a missing file or a checksum mismatch. An archive
    /// of an older schema version restores when every migration the database has beyond it (`newer`) is one of
    /// `BackupQueries.archiveNeutralMigrations`.
    public func validate(path: String, schemaVersion: Int, newer: [Int] = []) throws(StoreError) {
        try BackupArchive.checkFormat(manifest, path: path)
        let neutral =
            manifest.schemaVersion < schemaVersion && !newer.isEmpty
            && Set(newer).isSubset(of: BackupQueries.archiveNeutralMigrations)
        guard manifest.schemaVersion == schemaVersion || neutral else {
            throw StoreError(
                .data,
                "\(path) was written with schema version \(manifest.schemaVersion) (viewpoints \(manifest.toolVersion)); "
                    + "this database has schema version \(schemaVersion)",
                hint: manifest.schemaVersion < schemaVersion
                    ? "restore it with viewpoints \(manifest.toolVersion) into a database of that version, then migrate"
                    : "use a newer viewpoints build")
        }
        var expected = manifest.files.map { ($0.name, $0.sha256) }
        if let key = manifest.key { expected.append((key.file, key.sha256)) }
        for (name, sha) in expected {
            guard let bytes = files[name] else {
                throw StoreError(
                    .data, "\(path): \(name) is missing from the archive",
                    reason: .archiveDamaged
                )
            }
            let actual = Hashing.hex(Hashing.sha256(bytes))
            guard actual == sha else {
                throw StoreError(
                    .data,
                    "\(path): checksum mismatch in \(name) (manifest \(sha.prefix(12))…, file \(actual.prefix(12))…): "
                        + "the archive was altered or damaged")
            }
        }
        try checkListing(path: path)
    }

    /// The manifest lists each table's file once, under its own name, every table (but those added after the
    /// archive's schema version), and a sealed key by its name and with sane PBKDF2 iterations.
    func checkListing(path: String) throws(StoreError) {
        var seen: Set<String> = []
        for file in manifest.files {
            guard let table = BackupQueries.tables.first(where: { $0.name == file.table }), file.name == table.file,
                seen.insert(file.table).inserted
            else {
                throw StoreError(
                    .data,
                    "\(path): the manifest lists \(file.name) for table '\(file.table)', which is not how "
                        + "a backup names its files", reason: .archiveDamaged)
            }
        }
        if let key = manifest.key {
            guard key.file == BackupArchive.keyName else {
                throw StoreError(
                    .data, "\(path): the manifest names the sealed key \(key.file), not \(BackupArchive.keyName)",
                    reason: .archiveDamaged)
            }
            let range = KeyEnvelope.minIterations...KeyEnvelope.maxIterations
            guard range.contains(key.envelope.iterations) else {
                throw StoreError(
                    .data,
                    "\(path): the sealed key asks for \(key.envelope.iterations) PBKDF2 iterations; "
                        + "a backup uses \(KeyEnvelope.defaultIterations) and this build accepts "
                        + "\(range.lowerBound) to \(range.upperBound)", reason: .archiveDamaged)
            }
        }
        let tables = Set(manifest.files.map(\.table))
        for table in BackupQueries.tables where !tables.contains(table.name) && manifest.schemaVersion >= table.since {
            throw StoreError(
                .data, "\(path): the manifest lists no \(table.file)",
                reason: .archiveDamaged)
        }
    }
}
