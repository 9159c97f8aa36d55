import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// The one end-to-end harness: the built `viewpoints` binary run as a user runs it, against one test database
/// (its own `DATABASE_URL` and `VIEWPOINTS_HOME`), with colours off and no study chosen from the environment.
struct CLI: Sendable {
    let db: TestDatabase
    let binary: ViewpointsBinary
    /// What every run of this harness adds to (or, with nil, removes from) the test's environment.
    let environment: [String: String?]

    /// A new test database, or `db`; `environment` adds to the defaults.
    init(db: TestDatabase? = nil, environment: [String: String?] = [:]) throws {
        self.db = try db ?? TestDatabase()
        binary = try ViewpointsBinary()
        var merged: [String: String?] = [
            "DATABASE_URL": self.db.url, "VIEWPOINTS_HOME": self.db.home, "NO_COLOR": "1", "VIEWPOINTS_STUDY": nil,
        ]
        for (key, value) in environment { merged[key] = value }
        self.environment = merged
    }

    /// Runs the binary; `login` connects as that login instead of the test database's owner.
    func run(
        _ arguments: [String], as login: String? = nil, input: String? = nil,
        environment extra: [String: String?] = [:]
    ) throws -> ViewpointsBinary.Output {
        var environment = self.environment
        if let login { environment["DATABASE_URL"] = try Connection.conninfo(db.url, setting: "user", to: login) }
        for (key, value) in extra { environment[key] = value }
        return try binary.run(arguments, environment: environment, input: input)
    }

    /// How far `importSample` goes.
    enum SampleStage: Int, Comparable, Sendable {
        case statements, codebook, codings, adjudications
        static func < (a: SampleStage, b: SampleStage) -> Bool { a.rawValue < b.rawValue }
    }

    /// Loads Samples/ipr-2018 as the README does, up to `stage`, expecting every step to succeed.
    func importSample(title: String? = nil, through stage: SampleStage = .adjudications) throws {
        let sample = Repository.path("Samples/ipr-2018")
        var steps: [[String]] = [
            ["study", "create", "ipr-2018"] + (title.map { ["--title", $0] } ?? []),
            ["import", "participants", sample + "/participants.csv"],
            ["import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv"],
        ]
        if stage >= .codebook { steps.append(["import", "codebook", sample + "/codebook.csv"]) }
        if stage >= .codings { steps.append(["import", "codings", sample + "/codings.csv"]) }
        if stage >= .adjudications {
            steps.append(["coder", "add", "lead"])
            steps.append(["import", "adjudications", sample + "/adjudications.csv", "--coder", "lead"])
        }
        for arguments in steps {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
        }
    }
}
