//! What a document prints about itself at its top: its title (the first
//! heading, `# …`, as the PDF and Word readers mark headings) and its
//! authors (a "By …" line, or a line of names right under the title). The
//! PDF and Word readers fall back on it when the file's own properties
//! name no title or author.

use crate::names::person_from_display;
use quire_model::Person;

/// Lines from the top of a page where a title and its byline are looked for.
const TITLE_LINES: usize = 40;

/// The text of the first heading near the top of a page.
pub(crate) fn title_heading(page: &str) -> Option<&str> {
    page.lines()
        .take(TITLE_LINES)
        .find_map(|l| l.trim().strip_prefix("# "))
        .map(str::trim)
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// The opening line of a text when it stands alone as a title does: a
/// paragraph of its own (a blank line or a Setext underline after it),
/// short, with letters, and not ending as a sentence, a clause or a
/// salutation does. A speech that opens "Mr. President," or with its
/// first paragraph has no such line, nor has text wrapped into the next.
pub(crate) fn standalone_title(text: &str) -> Option<&str> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next()?;
    let alone = lines
        .next()
        .is_none_or(|l| l.is_empty() || l.starts_with("===") || l.starts_with("---"));
    (alone && is_title_like(first)).then(|| first.trim_matches(['*', '_']).trim())
}

/// Short, with letters, and not ending as a sentence, a clause or a
/// salutation does ("Mr. President,", "**MR PRESIDENT,**",
/// "Excellencies:"); not a salutation nor a speaker's sentence ("I would
/// like to …", "Your Excellency the President …"), nor a line cut off
/// after a function word ("… conveying our").
fn is_title_like(line: &str) -> bool {
    let line = line.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let words: Vec<&str> = line.split_whitespace().collect();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let first_person = words.iter().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "I" | "me" | "my"
        )
    }) || words.len() >= 12
        && words
            .iter()
            .any(|w| matches!(bare(w).as_str(), "we" | "our" | "us"));
    let salutation = words.first().is_some_and(|w| {
        matches!(
            bare(w).as_str(),
            "mr" | "mrs"
                | "ms"
                | "madam"
                | "madame"
                | "dear"
                | "excellencies"
                | "excellency"
                | "distinguished"
                | "ladies"
                | "your"
                | "his"
                | "her"
        )
    });
    let cut_off = words
        .last()
        .is_some_and(|w| CUT_OFF_WORDS.contains(&bare(w).as_str()));
    (1..=TITLE_MAX_WORDS).contains(&words.len())
        && letters >= 3
        && !line.ends_with([',', ';', ':', '.', '-', '\u{2013}', '!'])
        && !first_person
        && !salutation
        && !cut_off
}

/// Words a title does not end on; a line that does was cut off.
const CUT_OFF_WORDS: [&str; 16] = [
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "by", "for", "with", "at", "from",
    "our", "as",
];

/// Words an opening line may have to be taken for a title.
const TITLE_MAX_WORDS: usize = 30;

/// The names a page prints for its authors: a byline, else the line of
/// names under its title.
pub(crate) fn printed_authors(page: &str) -> Option<&str> {
    byline(page).or_else(|| names_under_title(page))
}

/// The people of a list of names: "Ayesha Khan and Imran Ali", "A. Khan;
/// B. Ali", "Achim Zeileis, Susanne Köll, Nathaniel Graham".
pub(crate) fn people(names: &str) -> Vec<Person> {
    names
        .split([';', '&'])
        .flat_map(|p| p.split(" and "))
        .flat_map(natural_name_list)
        .filter_map(person_from_display)
        .collect()
}

/// The names of a "By Ayesha Siddiqa and Imran Khan" line near the top of
/// the first page. Only a line that is nothing but names.
fn byline(page: &str) -> Option<&str> {
    page.lines().take(TITLE_LINES).find_map(|line| {
        let names = line.trim().strip_prefix("By ")?.trim();
        is_name_list(names).then_some(names)
    })
}

/// Words that are in no name: of institutions, dates and titles.
const NOT_NAMES: &[&str] = &[
    "Institute",
    "University",
    "Department",
    "Centre",
    "Center",
    "School",
    "College",
    "Ministry",
    "Foundation",
    "Group",
    "Council",
    "Office",
    "Programme",
    "Program",
    "Report",
    "Working",
    "Paper",
    "Brief",
    "Policy",
    "Abstract",
    "Introduction",
    // Words of a report's front matter, set in capitals as often as not
    // ("REVIEW QUESTION", "EXECUTIVE SUMMARY").
    "Review",
    "Question",
    "Summary",
    "Executive",
    "Contents",
    "Overview",
    "Background",
    "Foreword",
    "Preface",
    "Findings",
    "Recommendations",
    "Chapter",
    "Section",
    "Draft",
    "Version",
    "Edition",
    "Volume",
    "Series",
    "Study",
    "Research",
    "Analysis",
    "Commentary",
    "Briefing",
    "Note",
    "Memorandum",
    "Statement",
    "Remarks",
    "Press",
    "Release",
    "Update",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    // Capitalised little words of a title, never of a name.
    "The",
    "A",
    "An",
    "Of",
    "In",
    "On",
    "For",
    "After",
    "Before",
    "From",
    "To",
    "With",
    "Between",
    "Under",
    "Against",
    "Why",
    "How",
    "What",
];

/// The names right under the first page's title heading ("Ayesha Khan
/// and Imran Ali", "A. Khan, B. Ali"): papers set their authors there
/// without a "By". The line may go on with an affiliation or a date when
/// the text layer set them as one heading ("Ayesha Khan Institute of
/// Regional Studies March 2024"): the names are the words before them.
fn names_under_title(page: &str) -> Option<&str> {
    let mut lines = page.lines().take(TITLE_LINES).map(str::trim);
    lines.find(|l| l.starts_with("# "))?;
    let next = lines.find(|l| !l.is_empty())?;
    let next = next.strip_prefix("# ").unwrap_or(next);
    let cut = next
        .split_whitespace()
        .position(is_not_name)
        .and_then(|k| next.split_whitespace().nth(k))
        .map_or(next.len(), |w| w.as_ptr() as usize - next.as_ptr() as usize);
    let names = next[..cut].trim_end();
    is_name_list(names).then_some(names)
}

/// A word of an institution, a date or a title, never of a name, in any
/// case ("Report", "REPORT").
fn is_not_name(word: &str) -> bool {
    NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(word))
}

/// A line that is nothing but names: every word capitalised (initials,
/// "and", "&" and commas between them), two to four words a name, and no
/// word of an institution or a date.
fn is_name_list(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let is_name = |p: &&str| {
        let words: Vec<&str> = p.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && !w.chars().any(|c| c.is_ascii_digit())
                    && !is_not_name(w)
            })
    };
    !parts.is_empty() && parts.iter().all(is_name)
}

/// "Achim Zeileis, Susanne Köll, Nathaniel Graham" is three people; "Khan,
/// Imran" is one. Split at commas only when every part is a whole name of
/// two words or more.
fn natural_name_list(text: &str) -> Vec<&str> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() >= 2) {
        parts
    } else {
        vec![text]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_lines_that_are_no_titles() {
        for line in [
            "**MR PRESIDENT,**",
            "I would like to begin my remarks by conveying our",
            "At the outset, I have the pleasure of congratulating",
            "Your Excellency the President of the United Nations General Assembly",
            "Dear President of the United Nations General Assembly, Excellencies, Ladies and Gentlemen!",
            "The General Assembly is holding its seventy-third session at a special moment as we pay tribute to two towering",
        ] {
            assert_eq!(standalone_title(&format!("{line}\n\nText.")), None, "{line}");
        }
        for title in [
            "Border Trade After 2021",
            "Our Common Agenda",
            "Pakistan's hard policy choices in Afghanistan",
            "**Report of the Secretary-General**",
        ] {
            assert!(
                standalone_title(&format!("{title}\n\nText.")).is_some(),
                "{title}"
            );
        }
    }

    #[test]
    fn author_lists_of_the_info_dictionary() {
        assert_eq!(
            natural_name_list("Achim Zeileis, Susanne Köll, Nathaniel Graham"),
            ["Achim Zeileis", "Susanne Köll", "Nathaniel Graham"]
        );
        assert_eq!(natural_name_list("Khan, Imran"), ["Khan, Imran"]);
    }

    #[test]
    fn the_title_heading_and_the_names_under_it() {
        let page =
            "Journal of Border Studies 12(3)\n\n# Pakistan and the Afghan Taliban after 2021\n\n\
                    Ayesha Khan and Imran Ali\nInstitute of Regional Studies\n\nAbstract\n";
        assert_eq!(
            title_heading(page),
            Some("Pakistan and the Afghan Taliban after 2021")
        );
        assert_eq!(names_under_title(page), Some("Ayesha Khan and Imran Ali"));
        // An affiliation or a date under the title names nobody.
        let page = "# Border Trade\n\nInstitute of Regional Studies\n";
        assert_eq!(names_under_title(page), None);
        let page = "# Border Trade\n\nMarch 2024\n";
        assert_eq!(names_under_title(page), None);
        let page = "# Border Trade\n\n# Ayesha Khan Institute of Regional Studies March 2024\n";
        assert_eq!(names_under_title(page), Some("Ayesha Khan"));
        assert!(is_name_list("A. Khan, B. Ali & C. D. Rahman"));
        assert!(!is_name_list("The Border Trade"));
        // Front-matter words in capitals are no names; names in capitals are.
        let page = "# Border Trade

REVIEW QUESTION

# How did trade change?
";
        assert_eq!(names_under_title(page), None);
        assert!(!is_name_list("EXECUTIVE SUMMARY"));
        assert!(is_name_list("AYESHA KHAN and IMRAN ALI"));
    }

    #[test]
    fn bylines_name_authors_only_when_they_are_all_names() {
        let page = "Border Trade after 2021\nBy Ayesha Siddiqa and Imran M. Khan\nMarch 2023\n";
        assert_eq!(byline(page), Some("Ayesha Siddiqa and Imran M. Khan"));
        assert_eq!(
            byline("Title\nBy the end of 2021 trade had fallen.\n"),
            None
        );
        assert_eq!(
            byline("By Crisis Group staff and partners in the region\n"),
            None
        );
    }
}
