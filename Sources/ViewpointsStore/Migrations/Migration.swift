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

    /// The checksums an applied migration may carry besides its file's: the former text of a migration rewritten
    /// after release, by version.
    ///
    /// Issue 12 took out of 0001-0005 and 0007 the views, functions and triggers that `Schema/definitions/` defines
    /// again (0003 and 0007 held nothing else; 0004 keeps placeholders for the two functions its policies name).
    /// Definitions run after every migration, so a fresh database ends with the same schema (compared with
    /// `pg_dump --schema-only`), and a database that applied the former text holds the same objects, replaced by
    /// the definitions; only the recorded checksum differs, and it is accepted here rather than rewritten, so
    /// `schema_migrations` keeps saying which text was applied.
    public static let formerChecksums: [Int: Set<String>] = [
        1: ["a8447a823056fdfdc6a480a31d07f45377b30ea1d0e9e857b5f62b756fa3bd7e"],
        2: ["e8fc64a5dac6d6e9b1f1c3a51a4157e36d625a4f445906b662593aaf98985994"],
        3: ["d6620d7641d17ef5daa9e0b1b0316dab7325797c1a91be55f76c07bbf2b3e3aa"],
        4: ["f5c510446c9aa3c9172164e827b1352026961ac879c8c119dd01b32c36d27eb4"],
        5: ["0c1ab71bafabf548d2110df8ad002eb9feb2b0ea046c1914fe034ba041f923a9"],
        7: ["d2e6d601ba52d868dd3658f4f245237406f9553e5e6a1a0944f5123f9920a8e3"],
    ]

    /// Whether `checksum`, recorded for this migration's version, is its text now or a former text it replaces.
    public func accepts(checksum recorded: String) -> Bool {
        recorded == checksum || Migration.formerChecksums[version]?.contains(recorded) == true
    }

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
