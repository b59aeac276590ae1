//! Tests on a tiny BERT written here: random weights, a 24-word WordPiece
//! vocabulary, one layer of width 8. They check loading, pooling, the
//! token limit and the errors, not what a trained model knows.

use super::*;
use candle_nn::VarMap;

const WORDS: &[&str] = &[
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "the",
    "taliban",
    "border",
    "trade",
    "refugee",
    "##s",
    "attack",
    "pakistan",
    "afghanistan",
    "security",
    "talks",
    "a",
    "of",
    "and",
    "in",
    "on",
    ".",
    ",",
    "closed",
    "reopened",
];

fn config_json() -> String {
    serde_json::json!({
        "vocab_size": WORDS.len(), "hidden_size": 8, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 16, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0, "max_position_embeddings": 64, "type_vocab_size": 2,
        "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
        "position_embedding_type": "absolute", "model_type": "bert"
    })
    .to_string()
}

fn tokenizer_json() -> String {
    let vocab: serde_json::Map<String, serde_json::Value> = WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), i.into()))
        .collect();
    let special = |id: usize| {
        serde_json::json!({"id": id, "content": WORDS[id], "single_word": false, "lstrip": false,
            "rstrip": false, "normalized": false, "special": true})
    };
    serde_json::json!({
        "version": "1.0", "truncation": null,
        // Saved tokenizers may pad; the encoder must turn it off.
        "padding": {"strategy": {"Fixed": 32}, "direction": "Right", "pad_to_multiple_of": null,
                    "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": [special(0), special(1), special(2), special(3)],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                       "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]},
        "decoder": null,
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab}
    })
    .to_string()
}

/// A model folder with random weights, as sentence-transformers lays it out.
fn tiny_model(max_tokens: Option<usize>, cls_pooling: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = config_json();
    std::fs::write(dir.path().join("config.json"), &config).unwrap();
    std::fs::write(dir.path().join("tokenizer.json"), tokenizer_json()).unwrap();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    BertModel::load(vb, &serde_json::from_str(&config).unwrap()).unwrap();
    varmap.save(dir.path().join("model.safetensors")).unwrap();
    if let Some(n) = max_tokens {
        let c = serde_json::json!({"max_seq_length": n, "do_lower_case": false});
        std::fs::write(dir.path().join("sentence_bert_config.json"), c.to_string()).unwrap();
    }
    if cls_pooling {
        std::fs::create_dir(dir.path().join("1_Pooling")).unwrap();
        let c = serde_json::json!({"word_embedding_dimension": 8, "pooling_mode_cls_token": true,
            "pooling_mode_mean_tokens": false});
        std::fs::write(dir.path().join("1_Pooling/config.json"), c.to_string()).unwrap();
    }
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
