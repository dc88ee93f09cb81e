package dev.carbonshift.cli;

public final class Main {
  public static void main(String[] args) {}
}
