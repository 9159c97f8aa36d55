import Foundation
import ZIPFoundation

/// A ZIP file written whole or not at all, as backups and REFI-QDA projects are: the entries go to a temporary file
/// in a folder only the owner can enter (so no one else can open it while it is written), which gets permissions
/// `mode` and is then renamed to `path`; a failure leaves no half archive.
enum ZipFileWriter {
    /// Writes the entries `fill` adds (name and bytes; each entry with `entryPermissions`, dated 1970 so that the
    /// same content gives the same file) to `path`. `what` names the file in errors (`the backup`).
    static func write(
        path: String, mode: UInt32, what: String, entryPermissions: UInt16,
        fill: (_ add: (String, Data) throws -> Void) throws -> Void
    ) throws(StoreError) {
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        guard
            let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({
                String(cString: $0)
            })
        else {
            throw StoreError(.cannotWrite, "cannot write \(what) \(path): \(String(cString: strerror(errno)))")
        }
        let temporary = folder + "/archive.zip"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create)
            try fill { name, data in
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 0), permissions: entryPermissions,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        } catch {
            throw StoreError(.cannotWrite, "cannot write \(what) \(path): \(error)")
        }
        guard chmod(temporary, mode_t(mode)) == 0, rename(temporary, path) == 0 else {
            throw StoreError(.cannotWrite, "cannot write \(what) \(path): \(String(cString: strerror(errno)))")
        }
    }
}
