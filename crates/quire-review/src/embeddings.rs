//! Sentence embeddings of the review's passages for the trained coder.
//!
//! review.toml's `[coding] encoder` names a sentence-transformers model
//! folder; once the review has hand codes, every passage is encoded and
//! the coder's classifiers read the vectors beside the codebook score
//! (`quire_code::semantic`). Encoding is slow (about ten passages a second
//! on one core), so vectors are cached in the store by model and passage
//! text, and saved as they come: an interrupted run keeps what it did.
//!
//! The encoder itself (`quire-encode`, candle) is behind this crate's
//! `encoder` feature; a build without it says so and codes without
//! embeddings. [`PassageEncoder`] is the seam, so the pipeline and its
//! tests do not need the model.

use std::collections::HashMap;

use quire_model::{CodingSettings, Passage};
use quire_store::Store;

use crate::{Progress, ReviewDir, ReviewError};

/// Turns a passage into a vector.
pub trait PassageEncoder {
    /// Names the model and its settings: the cache's key.
    fn id(&self) -> &str;
    fn encode(&self, text: &str) -> Result<Vec<f32>, String>;
}

#[cfg(feature = "encoder")]
impl PassageEncoder for quire_encode::SentenceEncoder {
    fn id(&self) -> &str {
        quire_encode::SentenceEncoder::id(self)
    }

    fn encode(&self, text: &str) -> Result<Vec<f32>, String> {
        quire_encode::SentenceEncoder::encode(self, text).map_err(|e| e.to_string())
    }
}

/// What review.toml's `[coding] encoder` gave.
pub enum EncoderChoice {
    /// None named.
    NotConfigured,
    Loaded(Box<dyn PassageEncoder>),
    /// Named but not usable: why (a missing folder, a bad model, a build
    /// without the `encoder` feature). The review goes on without.
    Unavailable(String),
}

/// Load the encoder `settings` name, relative to the review's folder.
pub fn load_encoder(review: &ReviewDir, settings: &CodingSettings) -> EncoderChoice {
    let Some(dir) = &settings.encoder else {
        return EncoderChoice::NotConfigured;
    };
    let dir = review.root.join(dir);
    load_from(&dir)
}

#[cfg(feature = "encoder")]
fn load_from(dir: &std::path::Path) -> EncoderChoice {
    match quire_encode::SentenceEncoder::load(dir) {
        Ok(encoder) => EncoderChoice::Loaded(Box::new(encoder)),
        Err(e) => EncoderChoice::Unavailable(format!("the encoder could not be loaded: {e}")),
    }
}

#[cfg(not(feature = "encoder"))]
fn load_from(dir: &std::path::Path) -> EncoderChoice {
    EncoderChoice::Unavailable(format!(
        "review.toml names an encoder ({}), but this quire was built without the `encoder` \
         feature (cargo build --release --features encoder)",
        dir.display()
    ))
}

/// Every passage's vector, in order, and how many came from the cache.
pub struct Embedded {
    pub vectors: Vec<Vec<f32>>,
    pub cached: usize,
    pub encoded: usize,
}

/// Passages encoded between two writes to the store.
const SAVE_EVERY: usize = 64;

/// Embed every passage: from the store's cache when it has the vector,
/// else with the encoder (saved as it goes).
pub fn embed(
    store: &mut Store,
    encoder: &dyn PassageEncoder,
    passages: &[Passage],
    progress: &dyn Progress,
) -> Result<Embedded, ReviewError> {
    let hashes: Vec<String> = passages
        .iter()
        .map(|p| blake3::hash(p.text.as_bytes()).to_hex().to_string())
        .collect();
    let keys: Vec<&str> = hashes.iter().map(String::as_str).collect();
    let mut known: HashMap<String, Vec<f32>> = store.embeddings(encoder.id(), &keys)?;
    let cached = hashes.iter().filter(|h| known.contains_key(*h)).count();
    let missing: Vec<usize> = (0..passages.len())
        .filter(|&i| !known.contains_key(&hashes[i]))
        .collect();
    let mut encoded = 0;
    if !missing.is_empty() {
        progress.begin("encoding passages", missing.len() as u64);
        let mut batch: Vec<(String, Vec<f32>)> = Vec::new();
        for &i in &missing {
            if known.contains_key(&hashes[i]) {
                // The same text twice: encoded once.
                progress.advance(1, "");
                continue;
            }
            let v = match encoder.encode(&passages[i].text) {
                Ok(v) => v,
                Err(e) => {
                    // Keep what was encoded before this passage.
                    store.put_embeddings(encoder.id(), &batch)?;
                    progress.end();
                    return Err(ReviewError::Encoder(format!(
                        "{} passage {}: {e}",
                        passages[i].work_id, passages[i].ordinal
                    )));
                }
            };
            known.insert(hashes[i].clone(), v.clone());
            batch.push((hashes[i].clone(), v));
            encoded += 1;
            progress.advance(1, &passages[i].work_id);
            if batch.len() >= SAVE_EVERY {
                store.put_embeddings(encoder.id(), &std::mem::take(&mut batch))?;
            }
        }
        store.put_embeddings(encoder.id(), &batch)?;
        progress.end();
    }
    let vectors = hashes
        .iter()
        .map(|h| known.get(h).cloned().unwrap_or_default())
        .collect();
    Ok(Embedded {
        vectors,
        cached,
        encoded,
    })
}

/// One embedding per passage, in the passages' order.
pub type PassageVectors = Vec<Vec<f32>>;

/// The passages' embeddings if `settings` name an encoder that loads and
/// runs, with a few words for the summary: "" when none is named,
/// " with sentence embeddings (…)" or " without embeddings: why". A model
/// that cannot be loaded, or a passage it fails on, leaves the caller to
/// code without embeddings; only a store error stops it.
pub fn embed_if_configured(
    store: &mut Store,
    review: &ReviewDir,
    settings: &CodingSettings,
    passages: &[Passage],
    progress: &dyn Progress,
) -> Result<(Option<PassageVectors>, String), ReviewError> {
    match load_encoder(review, settings) {
        EncoderChoice::NotConfigured => Ok((None, String::new())),
        EncoderChoice::Unavailable(why) => Ok((None, format!(" without embeddings: {why}"))),
        EncoderChoice::Loaded(encoder) => {
            match embed(store, encoder.as_ref(), passages, progress) {
                Ok(e) => {
                    let said = format!(
                        " with sentence embeddings ({} passages encoded, {} from the cache)",
                        e.encoded, e.cached
                    );
                    Ok((Some(e.vectors), said))
                }
                Err(ReviewError::Encoder(why)) => Ok((None, format!(" without embeddings: {why}"))),
                Err(e) => Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Counts calls; the vector is the text's length and vowel count.
    struct Counting {
        calls: Cell<usize>,
    }

    impl PassageEncoder for Counting {
        fn id(&self) -> &str {
            "counting"
        }
        fn encode(&self, text: &str) -> Result<Vec<f32>, String> {
            self.calls.set(self.calls.get() + 1);
            let vowels = text.chars().filter(|c| "aeiou".contains(*c)).count();
            Ok(vec![text.len() as f32, vowels as f32])
        }
    }

    fn passage(work: &str, ordinal: usize, text: &str) -> Passage {
        Passage {
            work_id: work.into(),
            ordinal,
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn encodes_each_text_once_and_then_reads_the_cache() {
        let mut store = Store::in_memory().unwrap();
        let encoder = Counting {
            calls: Cell::new(0),
        };
        let ps = [
            passage("a", 0, "the border"),
            passage("a", 1, "trade"),
            passage("b", 0, "the border"),
        ];
        let first = embed(&mut store, &encoder, &ps, &crate::NoProgress).unwrap();
        assert_eq!(encoder.calls.get(), 2, "the repeated text is encoded once");
        assert_eq!((first.cached, first.encoded), (0, 2));
        assert_eq!(first.vectors[0], vec![10.0, 3.0]);
        assert_eq!(first.vectors[2], first.vectors[0]);
        let again = embed(&mut store, &encoder, &ps, &crate::NoProgress).unwrap();
        assert_eq!(encoder.calls.get(), 2, "all from the cache");
        assert_eq!((again.cached, again.encoded), (3, 0));
        assert_eq!(again.vectors, first.vectors);
    }

    #[test]
    fn a_failing_passage_is_named_and_earlier_vectors_are_kept() {
        struct Failing;
        impl PassageEncoder for Failing {
            fn id(&self) -> &str {
                "failing"
            }
            fn encode(&self, text: &str) -> Result<Vec<f32>, String> {
                if text == "bad" {
                    Err("too strange".into())
                } else {
                    Ok(vec![1.0])
                }
            }
        }
        let mut store = Store::in_memory().unwrap();
        let ps = [passage("a", 0, "good"), passage("a", 1, "bad")];
        let e = embed(&mut store, &Failing, &ps, &crate::NoProgress)
            .err()
            .unwrap();
        assert!(e.to_string().contains("a passage 1: too strange"), "{e}");
        // The passage encoded before it was saved.
        let ok = embed(&mut store, &Failing, &ps[..1], &crate::NoProgress).unwrap();
        assert_eq!((ok.cached, ok.encoded), (1, 0));
        assert_eq!(ok.vectors, vec![vec![1.0]]);
    }

    /// The glue to `quire-encode`: a model folder named in review.toml is
    /// loaded, encodes every passage once, and is read from the cache after.
    #[cfg(feature = "encoder")]
    #[test]
    fn the_model_folder_review_toml_names_is_loaded_and_cached() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("review.toml"), "").unwrap();
        let model = dir.path().join("models/tiny");
        std::fs::create_dir_all(&model).unwrap();
        quire_encode::fixture::write_tiny_model(&model, None, false).unwrap();
        let review = ReviewDir::at(dir.path()).unwrap();
        let settings = CodingSettings {
            encoder: Some("models/tiny".into()),
        };
        let mut store = Store::in_memory().unwrap();
        let ps = [
            passage("a", 0, "the border closed"),
            passage("b", 0, "trade and refugees"),
        ];
        let run = |store: &mut Store| {
            embed_if_configured(store, &review, &settings, &ps, &crate::NoProgress).unwrap()
        };
        let (vectors, said) = run(&mut store);
        let vectors = vectors.unwrap_or_else(|| panic!("no vectors:{said}"));
        assert_eq!(
            said,
            " with sentence embeddings (2 passages encoded, 0 from the cache)"
        );
        assert_eq!(vectors.len(), 2);
        assert!(vectors
            .iter()
            .all(|v| v.len() == quire_encode::fixture::DIMENSION));
        assert_ne!(vectors[0], vectors[1]);
        let (again, said) = run(&mut store);
        assert_eq!(
            said,
            " with sentence embeddings (0 passages encoded, 2 from the cache)"
        );
        assert_eq!(again, Some(vectors));

        // Not a model: coded without embeddings, and why.
        std::fs::remove_file(model.join("model.safetensors")).unwrap();
        let (none, said) = run(&mut Store::in_memory().unwrap());
        assert!(none.is_none());
        assert!(said.contains("model.safetensors"), "{said}");
    }
}
