import Foundation

/// Where PostgreSQL's server programs are: PATH first, then `/usr/lib/postgresql/*/bin` (newest first).
struct PostgresTools: Sendable {
    let directory: String

    func path(_ name: String) -> String { directory + "/" + name }

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError)
        -> PostgresTools
    {
        let fm = FileManager.default
        var candidates: [String] = []
        for dir in (environment["PATH"] ?? "").split(separator: ":") { candidates.append(String(dir)) }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        candidates += versions.map { "\(root)/\($0)/bin" }
        for dir in candidates
        where fm.isExecutableFile(atPath: dir + "/initdb") && fm.isExecutableFile(atPath: dir + "/pg_ctl") {
            // a PATH entry may hold symlinks into the real folder; use the real folder so versions match
            let real = (try? fm.destinationOfSymbolicLink(atPath: dir + "/pg_ctl"))
                .map {
                    URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: dir + "/")).deletingLastPathComponent()
                        .path
                }
            return PostgresTools(directory: real ?? dir)
        }
        throw StoreError(
            .unavailable,
            "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin",
            hint:
                "install them (Debian/Ubuntu: `apt-get install postgresql`), or give a DATABASE_URL of a running server"
        )
    }
}
