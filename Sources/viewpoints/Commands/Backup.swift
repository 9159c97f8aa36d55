import ArgumentParser
import Foundation
import ViewpointsStore

extension Viewpoints {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one study to a portable archive (zip of a manifest and one CSV per table).",
            discussion: """
                The manifest records each file's SHA-256, the schema version and this program's version. The study \
                key stays outside unless --include-key, which seals it with a passphrase \
                ($VIEWPOINTS_BACKUP_PASSPHRASE, or asked on a terminal): PBKDF2-HMAC-SHA256 and AES-256-GCM.
                """)

        @OptionGroup var studyOptions: StudyOptions
        @Option(help: ArgumentHelp("The archive to write.", valueName: "file")) var out: String
        @Flag(help: "Include the study key, encrypted with a passphrase.") var includeKey = false
        @OptionGroup var fileMode: FileModeOption
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let passphrase = includeKey ? try BackupPassphrase.read(confirm: true) : nil
            let archive = try report {
                try store.backup(
                    study: try store.resolveStudy(slug: studyOptions.resolvedSlug), to: out,
                    toolVersion: Viewpoints.configuration.version, keyPassphrase: passphrase,
                    mode: fileMode.mode.value)
            }
            let rows = archive.manifest.files.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            print("wrote \(out): study \(archive.manifest.study), schema \(archive.manifest.schemaVersion); \(rows)")
            print(includeKey ? "the study key is inside, sealed with the passphrase" : "the study key is not inside")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a study from a backup archive into this database, as a new study.",
            discussion: """
                Refuses a damaged archive, another schema version or an existing slug (exit 65) with the database \
                unchanged. Internal ids are new; the audit trail's hash chain is recomputed for them. With a sealed \
                key and a passphrase ($VIEWPOINTS_BACKUP_PASSPHRASE, or asked on a terminal) the key file is written \
                (mode 0600) for the restored slug.
                """)

        @Argument(help: "The archive `viewpoints backup` wrote.") var file: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Restore under this slug.", valueName: "slug"))
        var slug: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let archive = try report { try BackupArchive.read(path: file) }
            let passphrase = archive.manifest.key == nil ? nil : try BackupPassphrase.read(confirm: false)
            let result = try report {
                try store.restore(archive: archive, path: file, as: slug, keyPassphrase: passphrase)
            }
            let rows = result.rows.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            print("restored study \(result.study.slug) from \(file): \(rows)")
            if let key = result.keyPath { print("wrote the study key to \(key)") }
            if let note = result.keyNote { warn("viewpoints: note: \(note)") }
            if !result.authenticated {
                warn(
                    "viewpoints: note: no study key at hand, so the manifest's authentication code was not checked: "
                        + "the archive was checked for damage and its audit chain recomputed, but not who wrote it")
            }
        }
    }
}

/// The passphrase for a sealed key: $VIEWPOINTS_BACKUP_PASSPHRASE, else asked on the terminal, else none.
enum BackupPassphrase {
    static func read(confirm: Bool) throws -> String? {
        if let value = ProcessInfo.processInfo.environment["VIEWPOINTS_BACKUP_PASSPHRASE"], !value.isEmpty {
            return value
        }
        guard isatty(0) == 1 else {
            if confirm {
                throw ValidationError(
                    "--include-key needs a passphrase: set VIEWPOINTS_BACKUP_PASSPHRASE or run on a terminal")
            }
            return nil
        }
        guard let first = getpass("backup passphrase: ").map({ String(cString: $0) }), !first.isEmpty else {
            throw ValidationError(
                "an empty passphrase does not protect the key: type one, or set VIEWPOINTS_BACKUP_PASSPHRASE")
        }
        if confirm {
            guard let second = getpass("again: ").map({ String(cString: $0) }), second == first else {
                throw ValidationError("the passphrases differ: run again and type the same passphrase twice")
            }
        }
        return first
    }
}
