#!/usr/bin/python3
# Writes python-written.safetensors (read by test-safetensors) the way huggingface/safetensors'
# save_file lays a file out: JSON header with compact separators, "__metadata__" first, tensors
# sorted by (alignment descending, name), header padded with spaces to a multiple of 8. The
# safetensors package is not on Debian 12, so this does it with json + struct. Needs torch;
# the tests only need the committed output.
import json, struct, torch

tensors = {
    "0.weight": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8,
    "0.bias": torch.tensor([-1.5, 0.0, 2.25], dtype=torch.float32),
    "1.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
    "1.running_var": torch.ones(3, dtype=torch.float32),
}
meta = {"lesson": "l04", "hidden": "3", "note": "caf\u00e9 \"quoted\"\n"}
dtypes = {torch.float32: ("F32", 4), torch.int64: ("I64", 8)}
order = sorted(tensors.items(), key=lambda kv: (-dtypes[kv[1].dtype][1], kv[0]))
header = {"__metadata__": meta}
offset, blobs = 0, []
for name, t in order:
    data = t.numpy().tobytes()
    header[name] = {"dtype": dtypes[t.dtype][0], "shape": list(t.shape),
                    "data_offsets": [offset, offset + len(data)]}
    offset += len(data)
    blobs.append(data)
text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
text += b" " * ((8 - len(text) % 8) % 8)
with open("python-written.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
