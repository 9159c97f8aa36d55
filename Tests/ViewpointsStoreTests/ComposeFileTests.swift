import Foundation
import Testing
import ViewpointsStore

/// docker-compose.yml cannot be started here (no Docker engine), so it is checked by reading it.
@Suite struct ComposeFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The settings the service is created with must be the ones the documented URL (in the file and in the
    /// README) and the health check use: a changed password or database name in one place fails here.
    @Test func composeFileMatchesTheDatabaseURLItDocuments() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        func value(_ key: String) throws -> String {
            try #require(
                text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
                    .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) })
        }
        func url(after marker: String, in text: String) throws -> String {
            let line = try #require(text.split(separator: "\n").first { $0.contains(marker) })
            let rest = try #require(line.range(of: marker)).upperBound
            return String(line[rest...].prefix { !$0.isWhitespace && $0 != "`" })
        }
        let documented = try url(after: "export DATABASE_URL=", in: text)
        #expect(
            try url(after: "DATABASE_URL=postgresql://viewpoints", in: readme)
                == url(
                    after: "DATABASE_URL=postgresql://viewpoints", in: text))
        // libpq reads the documented URL into the same user, password, database and port the service creates
        let info = try Connection.conninfo(documented, setting: "application_name", to: "check")
        let (user, database) = (try value("POSTGRES_USER"), try value("POSTGRES_DB"))
        #expect(info.contains("user='\(user)'"), "\(info)")
        #expect(info.contains("password='\(try value("POSTGRES_PASSWORD"))'"), "\(info)")
        #expect(info.contains("dbname='\(database)'"), "\(info)")
        let published = try #require(text.split(separator: "\n").first { $0.contains("- \"127.0.0.1:") })
        let hostPort = published.split(separator: ":").dropFirst().first.map(String.init)
        #expect(info.contains("port='\(try #require(hostPort))'"), "\(info), \(published)")
        // the health check asks for the same login and database
        #expect(try value("test").contains("pg_isready -U \(user) -d \(database)"))
    }
}
