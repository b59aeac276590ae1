//! Tests on the tiny BERT of [`crate::fixture`]: random weights, a 24-word WordPiece
//! vocabulary, one layer of width 8. They check loading, pooling, the
//! token limit and the errors, not what a trained model knows.

use super::*;

/// A model folder with random weights (see [`crate::fixture`]).
fn tiny_model(max_tokens: Option<usize>, cls_pooling: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::fixture::write_tiny_model(dir.path(), max_tokens, cls_pooling).unwrap();
    dir
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn encodes_passages_as_unit_vectors() {
    let dir = tiny_model(None, false);
    let encoder = SentenceEncoder::load(dir.path()).unwrap();
    assert_eq!(encoder.dimension(), 8);
    let a = encoder.encode("The border closed.").unwrap();
    let b = encoder
        .encode("Trade and refugees, on the border.")
        .unwrap();
    assert_eq!(a.len(), 8);
    assert!((norm(&a) - 1.0).abs() < 1e-5 && (norm(&b) - 1.0).abs() < 1e-5);
    assert_eq!(
        a,
        encoder.encode("The border closed.").unwrap(),
        "deterministic"
    );
    assert_ne!(a, b);
    // Unknown words and an empty passage still give a vector.
    assert_eq!(encoder.encode("Zzyzx qwerty").unwrap().len(), 8);
    assert_eq!(encoder.encode("").unwrap().len(), 8);
}

#[test]
fn padding_saved_with_the_tokenizer_is_not_pooled() {
    // The tokenizer file pads to 32 tokens; a passage of five must pool
    // five, so it differs from the same words with pads appended by hand.
    let dir = tiny_model(None, false);
    let encoder = SentenceEncoder::load(dir.path()).unwrap();
    let encoding = encoder.tokenizer.encode("the border closed", true).unwrap();
    assert_eq!(encoding.get_ids().len(), 5);
}

#[test]
fn reads_no_further_than_the_token_limit() {
    let dir = tiny_model(Some(6), false);
    let encoder = SentenceEncoder::load(dir.path()).unwrap();
    let short = encoder.encode("the border closed and trade").unwrap();
    let long = encoder
        .encode("the border closed and trade reopened in pakistan on the border of afghanistan")
        .unwrap();
    // Six tokens: [CLS] + four words + [SEP] either way.
    assert_eq!(short, long);
    // More words than the model has positions: cut, not an error.
    let unlimited = tiny_model(Some(10_000), false);
    let encoder = SentenceEncoder::load(unlimited.path()).unwrap();
    let many = "the border ".repeat(200);
    assert_eq!(encoder.encode(&many).unwrap().len(), 8);
}

#[test]
fn pooling_and_settings_are_part_of_the_id() {
    let mean = tiny_model(None, false);
    let cls = tiny_model(None, true);
    let a = SentenceEncoder::load(mean.path()).unwrap();
    let b = SentenceEncoder::load(cls.path()).unwrap();
    // No token limit given: 256, cut to the model's 64 positions.
    assert!(a.id().ends_with("/64/Mean"), "{}", a.id());
    assert!(b.id().ends_with("/64/Cls"), "{}", b.id());
    let text = "security talks on the border";
    assert_ne!(a.encode(text).unwrap(), b.encode(text).unwrap());
}

#[test]
fn errors_name_the_file() {
    let missing = tempfile::tempdir().unwrap();
    let e = SentenceEncoder::load(missing.path()).err().unwrap();
    assert!(e.to_string().contains("config.json"), "{e}");

    let dir = tiny_model(None, false);
    std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
    let e = SentenceEncoder::load(dir.path()).err().unwrap();
    assert!(e.to_string().contains("model.safetensors"), "{e}");

    let dir = tiny_model(None, false);
    std::fs::write(dir.path().join("config.json"), "{\"hidden_size\": ").unwrap();
    let e = SentenceEncoder::load(dir.path()).err().unwrap();
    assert!(e.to_string().contains("config.json"), "{e}");

    let dir = tiny_model(None, false);
    std::fs::write(dir.path().join("tokenizer.json"), "not json").unwrap();
    let e = SentenceEncoder::load(dir.path()).err().unwrap();
    assert!(e.to_string().contains("tokenizer.json"), "{e}");

    let dir = tiny_model(None, false);
    std::fs::write(dir.path().join("model.safetensors"), b"junk").unwrap();
    let e = SentenceEncoder::load(dir.path()).err().unwrap();
    assert!(e.to_string().contains("model.safetensors"), "{e}");
}
