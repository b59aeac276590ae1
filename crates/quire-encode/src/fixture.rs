//! A tiny BERT sentence encoder with random weights, written to a folder
//! as sentence-transformers lays one out: for tests of code that loads and
//! runs an encoder (here and in the crates that use this one). It knows
//! nothing; its vectors only have the right shape and are deterministic.

use std::path::Path;

use candle_core::{DType, Device};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::bert::BertModel;

use crate::EncodeError;

/// The vectors' dimension.
pub const DIMENSION: usize = 8;

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
        "vocab_size": WORDS.len(), "hidden_size": DIMENSION, "num_hidden_layers": 1,
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

/// Write a model folder into `dir` (which must exist): random weights, a
/// 24-word WordPiece vocabulary, one layer of width [`DIMENSION`];
/// `max_tokens` as `sentence_bert_config.json`'s limit, `cls_pooling` for a
/// `1_Pooling` folder that pools the [CLS] token.
pub fn write_tiny_model(
    dir: &Path,
    max_tokens: Option<usize>,
    cls_pooling: bool,
) -> Result<(), EncodeError> {
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| EncodeError::Read { path, source })
    };
    let config = config_json();
    write("config.json", config.clone())?;
    write("tokenizer.json", tokenizer_json())?;
    let weights = dir.join("model.safetensors");
    let failed = |e: &dyn std::fmt::Display| EncodeError::Format {
        path: weights.clone(),
        message: e.to_string(),
    };
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    let parsed = serde_json::from_str(&config).map_err(|e| failed(&e))?;
    BertModel::load(vb, &parsed).map_err(|e| failed(&e))?;
    varmap.save(&weights).map_err(|e| failed(&e))?;
    if let Some(n) = max_tokens {
        let c = serde_json::json!({"max_seq_length": n, "do_lower_case": false});
        write("sentence_bert_config.json", c.to_string())?;
    }
    if cls_pooling {
        let pooling = dir.join("1_Pooling");
        std::fs::create_dir_all(&pooling).map_err(|source| EncodeError::Read {
            path: pooling,
            source,
        })?;
        let c = serde_json::json!({"word_embedding_dimension": DIMENSION,
            "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false});
        write("1_Pooling/config.json", c.to_string())?;
    }
    Ok(())
}
