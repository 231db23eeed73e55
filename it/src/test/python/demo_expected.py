"""Prints what PyTorch prints for each step of dev.jtorch.demo.Demo, in the same order.

Regenerate the expected output of JlinkImageIT after changing the demo:
    /usr/bin/python3 it/src/test/python/demo_expected.py > it/src/test/resources/demo-tensors.txt
"""
import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(a)
print(torch.zeros(2, 3))
print(torch.ones(3))
x = torch.arange(6)
print(x)
torch.manual_seed(0)
print(torch.rand(2, 2))

print(x.view(-1, 2))
print(x.view(2, 3).transpose(0, 1))
column = x.view(2, 3)[:, 1]
print(column)
column.mul_(10)
print(x)

print(torch.arange(1, 3).view(1, 2) + torch.arange(1, 4).view(3, 1))

print(a.matmul(a))
