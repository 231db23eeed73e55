package dev.jtorch.demo;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/** A first look at jtorch: each step prints the Java line and what it gives, as PyTorch would print it. */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        System.out.println("backend: " + Torch.backendInfo());

        section("Creating tensors");
        Tensor a = Torch.tensor(new double[][]{{1, 2}, {3, 4}});
        show("Torch.tensor(new double[][]{{1, 2}, {3, 4}})", a);
        show("Torch.zeros(2, 3)", Torch.zeros(2, 3));
        show("Torch.ones(3)", Torch.ones(3));
        Tensor x = Torch.arange(6);
        show("Torch.arange(6)", x);
        Torch.manualSeed(0);  // same seed, same numbers as torch.manual_seed(0); torch.rand(2, 2)
        show("Torch.rand(2, 2)  // after Torch.manualSeed(0)", Torch.rand(2, 2));

        section("Views share storage with their base");
        show("x.view(-1, 2)", x.view(-1, 2));
        show("x.view(2, 3).transpose(0, 1)", x.view(2, 3).transpose(0, 1));
        Tensor column = x.view(2, 3).get(":, 1");
        show("Tensor column = x.view(2, 3).get(\":, 1\")", column);
        column.mul_(10);  // in place, through the view: x sees it
        show("x  // after column.mul_(10)", x);

        section("Broadcasting: (1, 2) + (3, 1) -> (3, 2)");
        show("Torch.arange(1, 3).view(1, 2).add(Torch.arange(1, 4).view(3, 1))",
                Torch.arange(1, 3).view(1, 2).add(Torch.arange(1, 4).view(3, 1)));

        section("Matrix product");
        show("a.matmul(a)", a.matmul(a));
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void show(String code, Tensor value) {
        System.out.println(">>> " + code);
        System.out.println(value);
    }
}
