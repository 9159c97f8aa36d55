import Foundation
import ViewpointsCore

/// One file of `Schema/`, applied once, in order, and never edited afterwards.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
    public var checksum: String

    /// The migrations shipped with this build, in order.
    public static func bundled() throws(StoreError) -> [Migration] {
        guard let url = Bundle.module.url(forResource: "Schema", withExtension: nil) else {
            throw StoreError(.other, "the schema files are missing from this build; rebuild with `swift build`")
        }
        return try load(directory: url.path)
    }

    /// Reads `NNNN_description.sql` files from a folder.
    static func load(directory: String) throws(StoreError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError(.other, "cannot read the schema folder \(directory): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let version = Int(name.prefix(while: { $0.isNumber })), name.dropFirst(4).first == "_" else {
                throw StoreError(.other, "schema file \(name) is not named NNNN_description.sql")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw StoreError(.other, "cannot read schema file \(name)")
            }
            migrations.append(
                Migration(
                    version: version, name: name, sql: sql, checksum: Hashing.hex(Hashing.sha256(Array(data)))))
        }
        return migrations
    }
}
