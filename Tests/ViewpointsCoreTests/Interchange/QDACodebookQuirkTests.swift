import Foundation
import Testing

@testable import ViewpointsCore

/// Codebooks shaped as NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette write them (synthetic fixtures), and files
/// that must be refused.
@Suite struct QDACodebookQuirkTests {
    func read(_ name: String, strict: Bool = false) throws -> QDACodebookReader.Result {
        try QDACodebookReader.read(try REFIFixtures.bytes(name), file: name, strict: strict)
    }

    func rows(_ result: QDACodebookReader.Result) -> [String] {
        result.codebook.rows.map { "\($0.key) \($0.parent ?? "-") \($0.label)" }
    }

    func warnings(_ result: QDACodebookReader.Result) -> [String] {
        result.warnings.map { "\($0.line): \($0.message)" }
    }

    func refusal(_ name: String, strict: Bool = false) throws -> [String] {
        do {
            _ = try read(name, strict: strict)
            return []
        } catch let failure as ImportFailure {
            return failure.problems.map { "\($0.file):\($0.line): \($0.message)" }
        }
    }

    @Test func nvivoUpperCaseGUIDsAndAThirdLevelFoldedIntoItsProposition() throws {
        let result = try read("nvivo-style.qdc")
        #expect(
            rows(result) == [
                "relations - Relations", "relations.lowest-since-9-11 relations Lowest since 9/11",
                "relations.us-approach-transactional relations US approach transactional", "region - Region",
                "region.prioritize-regional-relations region Prioritize regional relations",
            ])
        let lowest = result.codebook.rows[1]
        #expect(lowest.line == 6)
        #expect(
            lowest.description
                == "Relations are at their lowest since September 2001.\n\nIncludes Relations / Lowest since 9/11 / "
                + "Worse than 2011: Even worse than after the Abbottabad raid.")
        let said = warnings(result)
        #expect(said.contains { $0.hasPrefix("4: GUIDs in upper case or in braces (9F2B7C1A-") })
        #expect(
            said.contains {
                $0.hasPrefix(
                    "8: code Relations / Lowest since 9/11 / Worse than 2011 is 3 levels deep: folded into Relations / Lowest since 9/11"
                )
            })
    }

    @Test func strictRefusesTheDeeperLevelAtItsLine() throws {
        let problems = try refusal("nvivo-style.qdc", strict: true)
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(
                "nvivo-style.qdc:8: code Relations / Lowest since 9/11 / Worse than 2011 is 3 levels deep") == true)
    }

    @Test func atlasNamespaceSpellingBracesAndBackslashPaths() throws {
        let result = try read("atlasti-style.qdc")
        #expect(
            rows(result) == [
                "india - India", "india.improve-relations india Improve relations",
                "india.third-party-mediation india Third-party mediation", "way-ahead - Way ahead",
                "way-ahead.mutual-need way-ahead Mutual need",
            ])
        let said = warnings(result)
        #expect(
            said.contains(
                "2: namespace urn:QDA-XML:codebook:1:0 is not the standard's urn:QDA-XML:codebook:1.0; read as it"))
        #expect(said.contains { $0.hasPrefix("4: GUIDs in upper case or in braces ({a41c0de2") })
        #expect(said.contains { $0.hasPrefix("4: code names carry a hierarchy as a path (India\\Improve relations)") })
    }

    @Test func maxqdaAccentsAndFourLevels() throws {
        let result = try read("maxqda-style.qdc")
        #expect(
            rows(result) == [
                "economie - Économie", "economie.faiblesse-economique economie Faiblesse économique",
                "economie.strasse-handel economie Straße & Handel",
            ])
        #expect(result.codebook.rows[1].description.contains("Includes Économie / Faiblesse économique / Dette / FMI."))
        #expect(warnings(result).filter { $0.contains("levels deep") }.count == 2)
    }

    @Test func qualcoderSetsAreIgnoredWithAWarning() throws {
        let result = try read("qualcoder-style.qdc")
        #expect(
            rows(result) == [
                "afghanistan - Afghanistan",
                "afghanistan.nudge-taliban-to-reconcile afghanistan Nudge Taliban to reconcile",
            ])
        #expect(warnings(result) == ["11: 1 code set ignored: Viewpoints has no code sets"])
    }

    @Test func taguetteEmptySetsSlashPathsAndNonBMPNames() throws {
        let result = try read("taguette-style.qdc")
        #expect(
            rows(result) == [
                "region - Région", "region.chine region Chine 🇨🇳", "region.russie-u region Russie 𝔘",
                "region.and-or-9-11 region and/or 9/11", "zheng-zhi - 政治", "zheng-zhi.guan-xi zheng-zhi 关系",
            ])
        #expect(warnings(result).contains("2: an empty <Sets/> (the schema wants at least one <Set>); ignored"))
    }

    @Test func duplicateGUIDsAndNamesAreRefusedAtTheElementsLine() throws {
        #expect(
            try refusal("duplicate-guid.qdc") == [
                "duplicate-guid.qdc:6: guid 11111111-2222-4333-8444-555555555502 is already the guid of the code on "
                    + "line 5; GUIDs must be unique"
            ])
        #expect(
            try refusal("duplicate-name.qdc") == [
                "duplicate-name.qdc:7: a code named Relations is already on line 4; names must be unique under one parent"
            ])
    }

    @Test(arguments: ["entity-expansion.qdc", "external-entity.qdc"])
    func documentTypeDeclarationsAreRefusedBeforeParsing(name: String) throws {
        let problems = try refusal(name)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(name):2: the file declares a document type") == true)
    }

    @Test func malformedXMLAndForeignFilesAreRefusedWithAPlace() throws {
        func problems(_ xml: String) -> [String] {
            do {
                _ = try QDACodebookReader.read(Array(xml.utf8), file: "c.qdc")
                return []
            } catch {
                return error.problems.map { "\($0.line): \($0.message)" }
            }
        }
        #expect(
            problems("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n</CodeBook>").first?.contains(
                "not well-formed") == true)
        #expect(
            problems("<Other/>") == [
                "1: the root element is <Other>, not <CodeBook>; this is not a REFI-QDA codebook (.qdc)"
            ])
        #expect(
            problems("<CodeBook xmlns=\"urn:example\"><Codes/></CodeBook>").first?.contains("is not a REFI-QDA one")
                == true)
        #expect(
            problems("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes/></CodeBook>") == [
                "1: <CodeBook> has no <Codes> with a <Code>; there is nothing to import"
            ])
        #expect(
            problems(
                "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code guid=\"nope\" name=\"a\" isCodable=\"true\"/></Codes></CodeBook>"
            ) == ["2: guid \"nope\" is not a GUID (8-4-4-4-12 hexadecimal digits)"])
    }

    @Test func keysCollidingAfterTransliterationGetANumberAndAWarning() throws {
        let xml = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
            <Code guid="11111111-2222-4333-8444-555555555501" name="Économie" isCodable="false"/>
            <Code guid="11111111-2222-4333-8444-555555555502" name="Economie" isCodable="false"/>
            </Codes></CodeBook>
            """
        let result = try QDACodebookReader.read(Array(xml.utf8), file: "c.qdc")
        #expect(result.codebook.rows.map(\.key) == ["economie", "economie-2"])
        #expect(
            result.warnings.map(\.message) == [
                "code Economie makes the key economie, which another code has; it is economie-2"
            ])
    }
}
