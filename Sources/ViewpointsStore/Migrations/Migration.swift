import Foundation
import ViewpointsCore

/// One file of `Schema/`, applied once, in order, and never edited afterwards; or one definition file of
/// `Schema/definitions/` (views, functions, triggers), which `db migrate` re-applies, all of them in order, whenever
/// one changes (see `Migrator`).
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

    /// The definition files shipped with this build (`Schema/definitions/NN_name.sql`), in order.
    public static func bundledDefinitions() throws(StoreError) -> [Migration] {
        guard let url = Bundle.module.url(forResource: "Schema", withExtension: nil) else {
            throw StoreError(.other, "the schema files are missing from this build; rebuild with `swift build`")
        }
        return try load(directory: url.path + "/definitions", prefixDigits: 2, folder: "definitions/")
    }

    /// Reads `NNNN_description.sql` files (`NN_` for definitions) from a folder.
    static func load(directory: String, prefixDigits: Int = 4, folder: String = "") throws(StoreError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError(.other, "cannot read the schema folder \(directory): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            let digits = name.prefix(while: { $0.isNumber })
            guard digits.count == prefixDigits, let version = Int(digits), name.dropFirst(prefixDigits).first == "_"
            else {
                throw StoreError(
                    .other,
                    "schema file \(folder)\(name) is not named \(String(repeating: "N", count: prefixDigits))_description.sql"
                )
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw StoreError(.other, "cannot read schema file \(name)")
            }
            migrations.append(
                Migration(
                    version: version, name: folder + name, sql: sql, checksum: Hashing.hex(Hashing.sha256(Array(data))))
            )
        }
        return migrations
    }
}
