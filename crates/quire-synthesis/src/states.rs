//! The states of the world, by the short names the press and speeches
//! use and the formal or older names that differ from them ("Russian
//! Federation", "Viet Nam", "Turkey"): the 193 members of the United
//! Nations, its two observer states, Kosovo and Taiwan.
//!
//! A review's codebook lists the actors its author thought of; a corpus
//! names more. The list lets the actor map propose the states a corpus
//! names often that the codebook lacks — single words like "Niger" or
//! "Chad", which the capitalised-name heuristics of `unknown_actors`
//! cannot tell from the first word of a sentence. Formal names that
//! contain the short one ("Islamic Republic of Iran") need no entry: the
//! short name is found inside them.

use quire_model::{Actor, ActorKind};

/// (short name, other names). Aliases that are also ordinary words or
/// regions ("America", "Korea", "Macedonia") are left out.
const STATES: &[(&str, &[&str])] = &[
    ("Afghanistan", &[]),
    ("Albania", &[]),
    ("Algeria", &[]),
    ("Andorra", &[]),
    ("Angola", &[]),
    ("Antigua and Barbuda", &[]),
    ("Argentina", &[]),
    ("Armenia", &[]),
    ("Australia", &[]),
    ("Austria", &[]),
    ("Azerbaijan", &[]),
    ("Bahamas", &[]),
    ("Bahrain", &[]),
    ("Bangladesh", &[]),
    ("Barbados", &[]),
    ("Belarus", &[]),
    ("Belgium", &[]),
    ("Belize", &[]),
    ("Benin", &[]),
    ("Bhutan", &[]),
    ("Bolivia", &[]),
    ("Bosnia and Herzegovina", &[]),
    ("Botswana", &[]),
    ("Brazil", &[]),
    ("Brunei", &["Brunei Darussalam"]),
    ("Bulgaria", &[]),
    ("Burkina Faso", &[]),
    ("Burundi", &[]),
    ("Cabo Verde", &["Cape Verde"]),
    ("Cambodia", &[]),
    ("Cameroon", &[]),
    ("Canada", &[]),
    ("Central African Republic", &[]),
    ("Chad", &[]),
    ("Chile", &[]),
    ("China", &["PRC"]),
    ("Colombia", &[]),
    ("Comoros", &[]),
    ("Congo", &["Congo-Brazzaville"]),
    ("Costa Rica", &[]),
    (
        "Côte d'Ivoire",
        &[
            "Côte d’Ivoire",
            "Cote d'Ivoire",
            "Cote d’Ivoire",
            "Ivory Coast",
        ],
    ),
    ("Croatia", &[]),
    ("Cuba", &[]),
    ("Cyprus", &[]),
    ("Czechia", &["Czech Republic"]),
    (
        "Democratic Republic of the Congo",
        &["DRC", "DR Congo", "Congo-Kinshasa"],
    ),
    ("Denmark", &[]),
    ("Djibouti", &[]),
    ("Dominica", &[]),
    ("Dominican Republic", &[]),
    ("Ecuador", &[]),
    ("Egypt", &[]),
    ("El Salvador", &[]),
    ("Equatorial Guinea", &[]),
    ("Eritrea", &[]),
    ("Estonia", &[]),
    ("Eswatini", &["Swaziland"]),
    ("Ethiopia", &[]),
    ("Fiji", &[]),
    ("Finland", &[]),
    ("France", &[]),
    ("Gabon", &[]),
    ("Gambia", &[]),
    ("Georgia", &[]),
    ("Germany", &[]),
    ("Ghana", &[]),
    ("Greece", &[]),
    ("Grenada", &[]),
    ("Guatemala", &[]),
    ("Guinea", &[]),
    ("Guinea-Bissau", &[]),
    ("Guyana", &[]),
    ("Haiti", &[]),
    ("Honduras", &[]),
    ("Hungary", &[]),
    ("Iceland", &[]),
    ("India", &[]),
    ("Indonesia", &[]),
    ("Iran", &[]),
    ("Iraq", &[]),
    ("Ireland", &[]),
    ("Israel", &[]),
    ("Italy", &[]),
    ("Jamaica", &[]),
    ("Japan", &[]),
    ("Jordan", &[]),
    ("Kazakhstan", &[]),
    ("Kenya", &[]),
    ("Kiribati", &[]),
    ("Kuwait", &[]),
    ("Kyrgyzstan", &["Kyrgyz Republic"]),
    (
        "Laos",
        &[
            "Lao People's Democratic Republic",
            "Lao People’s Democratic Republic",
            "Lao PDR",
        ],
    ),
    ("Latvia", &[]),
    ("Lebanon", &[]),
    ("Lesotho", &[]),
    ("Liberia", &[]),
    ("Libya", &[]),
    ("Liechtenstein", &[]),
    ("Lithuania", &[]),
    ("Luxembourg", &[]),
    ("Madagascar", &[]),
    ("Malawi", &[]),
    ("Malaysia", &[]),
    ("Maldives", &[]),
    ("Mali", &[]),
    ("Malta", &[]),
    ("Marshall Islands", &[]),
    ("Mauritania", &[]),
    ("Mauritius", &[]),
    ("Mexico", &[]),
    ("Micronesia", &[]),
    ("Moldova", &[]),
    ("Monaco", &[]),
    ("Mongolia", &[]),
    ("Montenegro", &[]),
    ("Morocco", &[]),
    ("Mozambique", &[]),
    ("Myanmar", &["Burma"]),
    ("Namibia", &[]),
    ("Nauru", &[]),
    ("Nepal", &[]),
    ("Netherlands", &[]),
    ("New Zealand", &[]),
    ("Nicaragua", &[]),
    ("Niger", &[]),
    ("Nigeria", &[]),
    (
        "North Korea",
        &[
            "Democratic People's Republic of Korea",
            "Democratic People’s Republic of Korea",
            "DPRK",
        ],
    ),
    ("North Macedonia", &[]),
    ("Norway", &[]),
    ("Oman", &[]),
    ("Pakistan", &[]),
    ("Palau", &[]),
    ("Panama", &[]),
    ("Papua New Guinea", &[]),
    ("Paraguay", &[]),
    ("Peru", &[]),
    ("Philippines", &[]),
    ("Poland", &[]),
    ("Portugal", &[]),
    ("Qatar", &[]),
    ("Romania", &[]),
    ("Russia", &["Russian Federation"]),
    ("Rwanda", &[]),
    ("Saint Kitts and Nevis", &[]),
    ("Saint Lucia", &[]),
    ("Saint Vincent and the Grenadines", &[]),
    ("Samoa", &[]),
    ("San Marino", &[]),
    ("Sao Tome and Principe", &["São Tomé and Príncipe"]),
    ("Saudi Arabia", &[]),
    ("Senegal", &[]),
    ("Serbia", &[]),
    ("Seychelles", &[]),
    ("Sierra Leone", &[]),
    ("Singapore", &[]),
    ("Slovakia", &[]),
    ("Slovenia", &[]),
    ("Solomon Islands", &[]),
    ("Somalia", &[]),
    ("South Africa", &[]),
    ("South Korea", &["Republic of Korea"]),
    ("South Sudan", &[]),
    ("Spain", &[]),
    ("Sri Lanka", &[]),
    ("Sudan", &[]),
    ("Suriname", &[]),
    ("Sweden", &[]),
    ("Switzerland", &[]),
    ("Syria", &["Syrian Arab Republic"]),
    ("Tajikistan", &[]),
    ("Tanzania", &[]),
    ("Thailand", &[]),
    ("Timor-Leste", &["East Timor"]),
    ("Togo", &[]),
    ("Tonga", &[]),
    ("Trinidad and Tobago", &[]),
    ("Tunisia", &[]),
    ("Türkiye", &["Turkey", "Turkiye"]),
    ("Turkmenistan", &[]),
    ("Tuvalu", &[]),
    ("Uganda", &[]),
    ("Ukraine", &[]),
    ("United Arab Emirates", &["UAE"]),
    (
        "United Kingdom",
        &["UK", "U.K.", "Britain", "Great Britain"],
    ),
    ("United States", &["US", "U.S.", "USA", "U.S.A."]),
    ("Uruguay", &[]),
    ("Uzbekistan", &[]),
    ("Vanuatu", &[]),
    ("Venezuela", &[]),
    ("Viet Nam", &["Vietnam"]),
    ("Yemen", &[]),
    ("Zambia", &[]),
    ("Zimbabwe", &[]),
    // Observer states of the United Nations, and two states most others
    // do not recognise but reviews of their regions name as actors.
    ("Holy See", &["Vatican"]),
    ("Palestine", &["State of Palestine"]),
    ("Kosovo", &[]),
    ("Taiwan", &[]),
];

/// Every state as an actor of kind `state`, its id the lower-case name.
pub fn world() -> Vec<Actor> {
    STATES
        .iter()
        .map(|(name, aliases)| Actor {
            id: name.to_lowercase(),
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: ActorKind::State,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_state_once() {
        // 193 members, 2 observers, Kosovo and Taiwan.
        assert_eq!(STATES.len(), 197);
        let mut names: Vec<String> = STATES
            .iter()
            .flat_map(|(n, a)| std::iter::once(*n).chain(a.iter().copied()))
            .map(str::to_lowercase)
            .collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all, "a name stands for two states");
    }
}
