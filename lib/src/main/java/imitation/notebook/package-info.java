/**
 * What a notebook needs before its first experiment: {@link imitation.notebook.Notebook#setup()} for
 * the setup cell, and fast mode ({@link imitation.notebook.Notebook#fast()},
 * {@link imitation.notebook.Notebook#pick(int, int)}) so the same notebook runs with a class-sized budget
 * or, in tests, in seconds.
 */
package imitation.notebook;
