//! Author names as the formats write them: "Family, Given", "Given Family",
//! "Name (Role, Country)", and organisations ("The White House",
//! "Wikipedia contributors") that must not be split into family and given.

use quire_model::Person;

/// Words that mark a name as an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "academy",
    "agency",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "commission",
    "committee",
    "congress",
    "contributors",
    "council",
    "court",
    "department",
    "embassy",
    "forum",
    "foundation",
    "government",
    "group",
    "house",
    "initiative",
    "institute",
    "institution",
    "league",
    "ministry",
    "mission",
    "nations",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "press",
    "program",
    "programme",
    "project",
    "secretariat",
    "senate",
    "service",
    "society",
    "staff",
    "team",
    "times",
    "trust",
    "union",
    "university",
    "wikipedia",
];

/// A person or organisation from a free-form display name. A trailing
/// parenthetical ("Imran Khan (Prime Minister, Pakistan)") is a role, not
/// part of the name: it is kept as the affiliation.
pub fn person_from_display(raw: &str) -> Option<Person> {
    let (name, affiliation) = split_parenthetical(raw);
    let name = name.trim().trim_end_matches([',', ';']).trim();
    if name.is_empty() {
        return None;
    }
    let mut person = if is_organisation(name) {
        Person::organisation(name)
    } else {
        Person::parse(name)
    };
    person.affiliation = affiliation
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from);
    Some(person)
}

/// "Family, Given" names from RIS and similar: the comma form is a person;
/// a comma-less name may be an organisation.
pub fn person_from_inverted(raw: &str) -> Option<Person> {
    let name = raw.trim().trim_end_matches([',', ';']).trim();
    if name.is_empty() {
        return None;
    }
    if !name.contains(',') && is_organisation(name) {
        return Some(Person::organisation(name));
    }
    let p = Person::parse(name);
    (!p.family.is_empty()).then_some(p)
}

/// A name as databases shorten it, family name then initials ("Khan A",
/// "van der Berg JM", Scopus's "Khan A."), or "Family, Given".
pub fn person_from_short(raw: &str) -> Option<Person> {
    let name = raw.trim();
    if name.contains(',') {
        return person_from_inverted(name);
    }
    match name.rsplit_once(' ') {
        Some((family, initials))
            if initials.chars().any(char::is_uppercase)
                && initials
                    .chars()
                    .all(|c| c.is_uppercase() || c == '.' || c == '-') =>
        {
            Some(Person::new(family, Some(initials.to_string())))
        }
        _ => person_from_inverted(name),
    }
}

/// "Name (Role)" → ("Name", Some("Role")).
fn split_parenthetical(name: &str) -> (&str, Option<&str>) {
    let trimmed = name.trim_end();
    match name.find(" (") {
        Some(at) if trimmed.ends_with(')') => {
            (&name[..at], Some(&trimmed[at + 2..trimmed.len() - 1]))
        }
        _ => (name, None),
    }
}

/// Heuristic: starts with "The", or has a word typical of organisations.
pub fn is_organisation(name: &str) -> bool {
    if name.starts_with("The ") {
        return true;
    }
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Authors the operating system writes in: the account that made the
/// file ("Administrator", "Windows User", "jsmith", "user01"), not a
/// person or body to cite.
pub fn is_junk_author(a: &str) -> bool {
    let l = a.trim().to_lowercase();
    const ACCOUNTS: &[&str] = &[
        "administrator",
        "admin",
        "user",
        "owner",
        "author",
        "unknown",
        "windows user",
        "microsoft office user",
        "office user",
        "pc",
        "hp",
        "dell",
        "lenovo",
        "asus",
        "acer",
        "standard",
        "guest",
        "default",
        "root",
        "anonymous",
    ];
    let one_word = !l.contains(char::is_whitespace);
    l.is_empty()
        || ACCOUNTS.contains(&l.as_str())
        || (one_word
            && (a.chars().any(|c| c.is_ascii_digit()) || !a.chars().any(char::is_uppercase)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        let p = person_from_display("Imran Khan (Prime Minister, Pakistan)").unwrap();
        assert_eq!(
            (p.family.as_str(), p.given.as_deref()),
            ("Khan", Some("Imran"))
        );
        assert_eq!(p.affiliation.as_deref(), Some("Prime Minister, Pakistan"));
        let p = person_from_display(
            "The White House (Executive Office of the President of the United States)",
        )
        .unwrap();
        assert!(p.literal && p.family == "The White House");
        assert_eq!(
            p.affiliation.as_deref(),
            Some("Executive Office of the President of the United States")
        );
        assert_eq!(person_from_display("Ali Khan").unwrap().affiliation, None);
        assert!(
            person_from_display("Wikipedia contributors")
                .unwrap()
                .literal
        );
        assert_eq!(person_from_display("  "), None);
    }

    #[test]
    fn inverted_names() {
        assert_eq!(
            person_from_inverted("Siddiqa, Ayesha").unwrap(),
            Person::new("Siddiqa", Some("Ayesha".into()))
        );
        assert!(person_from_inverted("World Bank").unwrap().literal);
    }
}
