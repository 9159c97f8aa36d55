/// A count with its noun in the right number: `1 selection`, `2 selections`, `0 text sources`; `plural` for nouns
/// that do not just take an `s` (`codings of codes not in the codebook`).
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
