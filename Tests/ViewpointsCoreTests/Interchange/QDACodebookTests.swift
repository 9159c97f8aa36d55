import Foundation
import Testing
import ViewpointsFiles

@testable import ViewpointsCore

/// REFI-QDA codebooks in Core: export valid against Codebook.xsd with stable GUIDs, import of what other programs
/// write (leniently, with a warning for each thing let pass), refusals at the element's line, and the round trip.
@Suite struct QDACodebookTests {
    typealias Code = QDACodebookWriter.Code

    static let sample: [Code] = [
        Code(key: "relations", label: "State of relations", description: "How relations are described.", parent: nil),
        Code(
            key: "relations.lowest-since-9-11", label: "Relations at their lowest since 9/11",
            description: "Lowest point since September 2001 & \"worse\" <than> ever.\nSecond line.",
            parent: "relations"),
        Code(
            key: "relations.us-transactional", label: "US approach transactional", description: "", parent: "relations"),
        Code(key: "region", label: "Région — 地域 😀", description: "", parent: nil),
        Code(
            key: "region.prioritize-regional", label: "Prioritize regional", description: "Ünïcode 𝔘.", parent: "region"
        ),
    ]

    func read(_ xml: String, strict: Bool = false) throws -> QDACodebookReader.Result {
        try QDACodebookReader.read(Array(xml.utf8), file: "c.qdc", strict: strict)
    }

    func refusal(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let failure as ImportFailure {
            return failure.problems.map { "\($0.line): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test(.enabled(if: REFIFixtures.xmllint != nil || REFIFixtures.isCI, "needs xmllint (libxml2-utils)"))
    func exportValidatesAgainstCodebookXSD() throws {
        let xml = QDACodebookWriter.codebook(Self.sample, study: "ipr-2018")
        #expect(try REFIFixtures.schemaErrors(xml, against: "Codebook.xsd") == nil)
        let broken = xml.replacingOccurrences(of: "isCodable=\"true\"", with: "isCodable=\"yes\"")
        #expect(try REFIFixtures.schemaErrors(broken, against: "Codebook.xsd") != nil, "the check can fail")
    }

    @Test func guidsAreVersionFiveOfTheStudyAndKeyAndStableAcrossExports() {
        let first = QDACodebookWriter.codebook(Self.sample, study: "ipr-2018")
        #expect(first == QDACodebookWriter.codebook(Self.sample, study: "ipr-2018"))
        let guid = QDACodebookWriter.guid(study: "ipr-2018", key: "relations")
        #expect(first.contains("guid=\"\(guid)\""))
        #expect(Array(guid)[14] == "5", "version 5")
        #expect(QDACodebookWriter.guid(study: "other", key: "relations") != guid)
        // RFC 9562's example: version 5 of www.example.com in the DNS namespace
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(
            NameUUID.text(NameUUID.v5(namespace: dns, name: "www.example.com"))
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func roundTripGivesTheSameCodebook() throws {
        let read = try QDACodebookReader.read(
            Array(QDACodebookWriter.codebook(Self.sample, study: "s").utf8), file: "c.qdc")
        #expect(read.warnings.isEmpty, "\(read.warnings)")
        let back = read.codebook.rows.map {
            Code(key: $0.key, label: $0.label, description: $0.description, parent: $0.parent)
        }
        #expect(back == Self.sample)
    }

    @Test func theSampleCodebookRoundTrips() throws {
        let file = try CodebookFile.read(path: REFIFixtures.root + "/Samples/ipr-2018/codebook.csv")
        let codes = file.rows.map { Code(key: $0.key, label: $0.label, description: $0.description, parent: $0.parent) }
        let xml = QDACodebookWriter.codebook(codes, study: "ipr-2018")
        let back = try QDACodebookReader.read(Array(xml.utf8), file: "c.qdc").codebook.rows
        #expect(back.map(\.key) == codes.map(\.key))
        #expect(
            back.map { Code(key: $0.key, label: $0.label, description: $0.description, parent: $0.parent) } == codes)
        if REFIFixtures.xmllint != nil { #expect(try REFIFixtures.schemaErrors(xml, against: "Codebook.xsd") == nil) }
    }
}
