#!/usr/bin/env python3
"""Golden runs of the two PyTorch examples of the project's seed tutorial, for modules/demo's SeedExamplesTest:
 1. the two-layer nn.Sequential regression (Linear(1000, 100), ReLU, Linear(100, 10)) trained with MSELoss(sum) and a
    hand-written gradient step, lr 1e-4, 500 steps, on x = randn(64, 1000), y = randn(64, 10) after manual_seed(0);
 2. the "complete network" example: a custom nn.Module (a bag-of-words classifier, Linear + log_softmax in forward)
    trained with NLLLoss and optim.SGD(lr=0.1), zero_grad / backward / step per instance, 100 epochs.
Writes the initial weights (state dicts) and the inputs as .npy and every loss as text under
modules/demo/src/test/resources/golden/seed/. Run from the repository root with Debian's python3-torch."""
import numpy as np
import torch

out = "modules/demo/src/test/resources/golden/seed/"

# ---- 1. regression
torch.manual_seed(0)
N, D_in, H, D_out = 64, 1000, 100, 10
x = torch.randn(N, D_in)
y = torch.randn(N, D_out)
model = torch.nn.Sequential(torch.nn.Linear(D_in, H), torch.nn.ReLU(), torch.nn.Linear(H, D_out))
for k, v in model.state_dict().items():
    np.save(out + "regression_" + k + ".npy", v.numpy())
np.save(out + "regression_x.npy", x.numpy())
np.save(out + "regression_y.npy", y.numpy())
loss_fn = torch.nn.MSELoss(reduction="sum")
learning_rate = 1e-4
losses = []
for t in range(500):
    loss = loss_fn(model(x), y)
    losses.append(loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
with open(out + "regression_losses.txt", "w") as f:
    f.write("\n".join(repr(v) for v in losses) + "\n")

# ---- 2. a custom Module with NLLLoss and SGD (sentences written for this test)
data = [("el gato come pan".split(), 0), ("the cat eats bread".split(), 1),
        ("el perro bebe agua".split(), 0), ("the dog drinks water".split(), 1),
        ("un gato y un perro".split(), 0), ("a cat and a dog".split(), 1)]
vocab = {}
for words, _ in data:
    for w in words:
        vocab.setdefault(w, len(vocab))

class BagOfWords(torch.nn.Module):
    def __init__(self, vocab_size, classes):
        super().__init__()
        self.linear = torch.nn.Linear(vocab_size, classes)

    def forward(self, bow):
        return torch.nn.functional.log_softmax(self.linear(bow), dim=1)

def make_input(words):
    v = torch.zeros(1, len(vocab))
    for w in words:
        v[0, vocab[w]] += 1
    return v

torch.manual_seed(1)
model = BagOfWords(len(vocab), 2)
for k, v in model.state_dict().items():
    np.save(out + "bow_" + k + ".npy", v.numpy())
loss_function = torch.nn.NLLLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
epoch_losses = []
for epoch in range(100):
    total = 0.0
    for words, label in data:
        model.zero_grad()
        loss = loss_function(model(make_input(words)), torch.tensor([label]))
        loss.backward()
        optimizer.step()
        total += loss.item()
    epoch_losses.append(total)
with open(out + "bow_losses.txt", "w") as f:
    f.write("\n".join(repr(v) for v in epoch_losses) + "\n")
with open(out + "bow_vocab.txt", "w") as f:
    f.write("\n".join(vocab) + "\n")
