import Foundation
import Testing
import ViewpointsStore

/// docker-compose.yml cannot be started here (no Docker engine), so it is checked by reading it.
@Suite struct ComposeFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func composeFileMatchesTheDatabaseURLItDocuments() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        func value(_ key: String) -> String? {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
                .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
        }
        #expect(text.contains("image: postgres:15"))
        #expect(text.contains("healthcheck:"))
        #expect(text.contains("pg_isready"))
        #expect(text.contains("- viewpoints-data:/var/lib/postgresql/data"))
        let documented = try #require(
            text.split(separator: "\n").first { $0.contains("export DATABASE_URL=") }.map {
                String($0.split(separator: "=", maxSplits: 1)[1])
            })
        // libpq reads the documented URL into the same user, password, database and port the service creates
        let info = try Connection.conninfo(documented, setting: "application_name", to: "check")
        #expect(info.contains("user='\(try #require(value("POSTGRES_USER")))'"))
        #expect(info.contains("password='\(try #require(value("POSTGRES_PASSWORD")))'"))
        #expect(info.contains("dbname='\(try #require(value("POSTGRES_DB")))'"))
        #expect(text.contains("\"127.0.0.1:5432:5432\""))
        #expect(info.contains("port='5432'"))
    }
}
